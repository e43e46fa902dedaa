using System.Numerics;
using NotebookNet.Layers;

namespace NotebookNet.Persistence;

/// <summary>
/// Where a long training run writes its model: checked before the run (so an unwritable path fails in the first
/// second, not after the training), and saved with a fallback so a path that became unwritable meanwhile never
/// loses the trained model.
/// </summary>
public static class ModelOutput
{
    /// <summary>Throws an <see cref="IOException"/> naming <paramref name="path"/> unless a model file can be written there.</summary>
    public static void CheckWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"cannot write the model to '{full}': it is a folder; name a file such as '{Path.Combine(full, "model.nnet")}'.");
        // The probe is named like a save's temp file, so a probe a kill leaves behind is cleaned by the next save.
        string probe = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the model to '{full}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Saves to <paramref name="path"/>; when that fails, to a free name of the same file in the current folder, then in
    /// the temp folder. Returns the path written and, when it is not <paramref name="path"/>, why <paramref name="path"/> failed.
    /// </summary>
    /// <exception cref="IOException">No place could be written; the message lists every place tried.</exception>
    public static (string Path, string? Failure) SaveWithFallback<T>(string path, IReadOnlyList<Layer<T>> network, string modelId)
        where T : struct, IFloatingPointIeee754<T>
    {
        string full = Path.GetFullPath(path);
        var failures = new List<string>();
        foreach (string candidate in Candidates(full))
        {
            try
            {
                ModelFile.Save(candidate, network, modelId);
                return (candidate, failures.Count == 0 ? null : failures[0]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"'{candidate}': {e.Message}");
            }
        }
        throw new IOException("the model could not be saved anywhere: " + string.Join("; ", failures));
    }

    private static IEnumerable<string> Candidates(string full)
    {
        yield return full;
        string name = Path.GetFileName(full);
        foreach (string folder in new[] { Directory.GetCurrentDirectory(), Path.GetTempPath() })
        {
            string candidate = FreeName(Path.Combine(folder, name));
            if (candidate != full) yield return candidate;
        }
    }

    // Never overwrite another model while rescuing this one: model.nnet, model-1.nnet, model-2.nnet, ...
    private static string FreeName(string path)
    {
        string stem = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path)), extension = Path.GetExtension(path);
        string candidate = path;
        for (int i = 1; File.Exists(candidate); i++) candidate = $"{stem}-{i}{extension}";
        return candidate;
    }
}
