using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Persistence;

/// <summary>
/// The <c>.nnet</c> model format, version 2 (all integers little-endian):
/// <code>
/// "NNET"  u16 version  u8 elementSize (4 | 8)
/// str16 modelId  str32 architecture            (UTF-8, length-prefixed with u16 / u32; one Layer.Code a line)
/// u32 parameterCount, then per parameter: str16 name ("layerIndex.name"), u32 rows, u32 columns,
///     rows·columns elements, column-major
/// 32 bytes: SHA-256 of everything before it
/// </code>
/// The file holds numbers only: the network is built by code (a model factory) and the file fills its
/// parameters, so nothing in it decides which types get created. Writes go to a temporary file that is
/// renamed over the target, so a crash never leaves a half-written model (and the next save of that target deletes
/// the temporary files such crashes left). A load refuses, naming the file, any version but 1..CurrentVersion and any
/// NaN or infinite parameter, and changes nothing unless the whole file is valid. Version 1 differs only in its
/// architecture, which lists display names (<c>Layer.Name</c>): those files still load, checked against the names.
/// </summary>
public static class ModelFile
{
    public const int CurrentVersion = 2;
    private static readonly byte[] Magic = "NNET"u8.ToArray();
    private const int HashSize = 32;

    /// <summary>Saves every parameter of <paramref name="network"/> to <paramref name="path"/> atomically.</summary>
    public static void Save<T>(string path, IReadOnlyList<Layer<T>> network, string modelId = "custom")
        where T : struct, IFloatingPointIeee754<T>
    {
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write((ushort)CurrentVersion);
            w.Write((byte)Marshal.SizeOf<T>());
            WriteString16(w, modelId);
            var architecture = Encoding.UTF8.GetBytes(Architecture(network));
            w.Write((uint)architecture.Length);
            w.Write(architecture);
            var parameters = Parameters(network);
            w.Write((uint)parameters.Count);
            foreach (var (name, p) in parameters)
            {
                WriteString16(w, name);
                w.Write((uint)p.Value.RowCount);
                w.Write((uint)p.Value.ColumnCount);
                w.Write(MemoryMarshal.AsBytes(MatrixData.Of(p.Value).AsSpan()));
            }
        }
        body.Write(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));

        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        RemoveStaleTempFiles(full);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                body.Position = 0;
                body.CopyTo(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Deletes the <c>{target}.{pid}.{guid}.tmp</c> files of earlier saves of <paramref name="target"/> whose process is
    /// gone: a save killed between writing and renaming leaves one. A running process's file may be a save in progress.
    /// </summary>
    private static void RemoveStaleTempFiles(string target)
    {
        string prefix = Path.GetFileName(target) + ".";
        foreach (string file in Directory.EnumerateFiles(Path.GetDirectoryName(target)!))
        {
            string name = Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            string[] parts = name[prefix.Length..^".tmp".Length].Split('.');
            if (parts.Length != 2 || parts[1].Length != 32 ||
                !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || IsRunning(pid))
                continue;
            try { File.Delete(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // cleaning up must not fail a save
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static int FirstNonFinite<T>(T[] values) where T : struct, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
            if (!T.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>Reads and checks the header (and the checksum of the whole file) without touching a network.</summary>
    public static ModelHeader ReadHeader(string path)
    {
        var bytes = ReadVerified(path);
        using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashSize));
        return ReadHeader(r, path);
    }

    /// <summary>
    /// Fills the parameters of <paramref name="network"/> from <paramref name="path"/>. The network must have the
    /// architecture and element type the file was written with; nothing is changed unless the whole file is valid.
    /// </summary>
    public static ModelHeader Load<T>(string path, IReadOnlyList<Layer<T>> network)
        where T : struct, IFloatingPointIeee754<T>
    {
        var bytes = ReadVerified(path);
        using var r = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - HashSize));
        try
        {
            return Fill(r, path, network);
        }
        catch (EndOfStreamException)
        {
            throw new ModelFileException($"{path}: ends in the middle of a record.");
        }
    }

    private static ModelHeader Fill<T>(BinaryReader r, string path, IReadOnlyList<Layer<T>> network)
        where T : struct, IFloatingPointIeee754<T>
    {
        var header = ReadHeader(r, path);
        int size = Marshal.SizeOf<T>();
        if (header.ElementSize != size)
            throw new ModelFileException($"{path}: parameters are {header.ElementSize * 8}-bit but the network is {typeof(T).Name} ({size * 8}-bit).");
        string expected = header.Version == 1 ? string.Join('\n', network.Select(layer => layer.Name)) : Architecture(network);
        if (header.Architecture != expected)
            throw new ModelFileException(
                $"{path}: the file is for another architecture (model '{header.ModelId}').\nFile:\n{header.Architecture}\nNetwork:\n{expected}");

        var parameters = Parameters(network);
        uint count = r.ReadUInt32();
        if (count != parameters.Count)
            throw new ModelFileException($"{path}: holds {count} parameters, the network has {parameters.Count}.");
        var values = new List<T[]>(parameters.Count);
        foreach (var (name, p) in parameters)
        {
            string fileName = ReadString16(r, path);
            uint rows = r.ReadUInt32(), columns = r.ReadUInt32();
            if (fileName != name || rows != p.Value.RowCount || columns != p.Value.ColumnCount)
                throw new ModelFileException(
                    $"{path}: parameter '{fileName}' is {rows}x{columns}, expected '{name}' of {p.Value.RowCount}x{p.Value.ColumnCount}.");
            long byteCount = (long)rows * columns * size;
            if (byteCount > r.BaseStream.Length - r.BaseStream.Position)
                throw new ModelFileException($"{path}: truncated inside parameter '{name}'.");
            var data = new T[rows * columns];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
            int bad = FirstNonFinite(data);
            if (bad >= 0)
                throw new ModelFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: parameter '{name}' holds {data[bad]} at element {bad}; a model's weights must be finite numbers."));
            values.Add(data);
        }
        if (r.BaseStream.Position != r.BaseStream.Length)
            throw new ModelFileException($"{path}: {r.BaseStream.Length - r.BaseStream.Position} unexpected bytes after the parameters.");
        for (int i = 0; i < parameters.Count; i++) values[i].CopyTo(MatrixData.Of(parameters[i].Parameter.Value), 0);
        return header;
    }

    /// <summary>The architecture stored in files: one <see cref="Layer{T}.Code"/> (kind and shape) per line.</summary>
    public static string Architecture<T>(IReadOnlyList<Layer<T>> network) where T : struct, IFloatingPointIeee754<T> =>
        string.Join('\n', network.Select(layer => layer.Code));

    private static List<(string Name, Parameter<T> Parameter)> Parameters<T>(IReadOnlyList<Layer<T>> network)
        where T : struct, IFloatingPointIeee754<T> =>
        network.SelectMany((layer, i) => layer.Parameters.Select(p => ($"{i}.{p.Name}", p))).ToList();

    private static byte[] ReadVerified(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {Path.GetFullPath(path)}", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length + 3 + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelFileException($"{path}: not a NotebookNet model file (no 'NNET' header).");
        var stored = bytes.AsSpan(bytes.Length - HashSize);
        var actual = SHA256.HashData(bytes.AsSpan(0, bytes.Length - HashSize));
        if (!stored.SequenceEqual(actual))
        {
            int version = BitConverter.ToUInt16(bytes, Magic.Length);
            throw new ModelFileException(version > CurrentVersion
                ? $"{path}: written by a newer NotebookNet (format version {version}; this version reads up to {CurrentVersion})."
                : $"{path}: checksum mismatch — the file is truncated or altered.");
        }
        return bytes;
    }

    private static ModelHeader ReadHeader(BinaryReader r, string path)
    {
        r.ReadBytes(Magic.Length);
        int version = r.ReadUInt16();
        if (version > CurrentVersion)
            throw new ModelFileException($"{path}: written by a newer NotebookNet (format version {version}; this version reads up to {CurrentVersion}).");
        if (version < 1)
            throw new ModelFileException($"{path}: format version {version} does not exist (versions start at 1); the file is corrupt.");
        int elementSize = r.ReadByte();
        if (elementSize is not (4 or 8))
            throw new ModelFileException($"{path}: unknown element size {elementSize}.");
        string modelId = ReadString16(r, path);
        uint length = r.ReadUInt32();
        if (length > r.BaseStream.Length - r.BaseStream.Position)
            throw new ModelFileException($"{path}: architecture of {length} bytes runs past the end of the file.");
        string architecture = Encoding.UTF8.GetString(r.ReadBytes((int)length));
        return new ModelHeader(version, elementSize, modelId, architecture);
    }

    private static void WriteString16(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException($"'{value[..32]}…' is too long for a model file.");
        w.Write((ushort)bytes.Length);
        w.Write(bytes);
    }

    private static string ReadString16(BinaryReader r, string path)
    {
        int length = r.ReadUInt16();
        if (length > r.BaseStream.Length - r.BaseStream.Position)
            throw new ModelFileException($"{path}: a name of {length} bytes runs past the end of the file.");
        return Encoding.UTF8.GetString(r.ReadBytes(length));
    }
}
