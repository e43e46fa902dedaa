using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// A block of unmanaged memory, 64-byte aligned, that the garbage collector never moves, zeroes or touches; it is
/// freed when the block is collected, so a pointer or span into it is valid only while the block is held. A worker's
/// scratch is a block that worker allocates and writes first: on the development machine (a virtual machine) a kernel
/// whose buffers another thread had allocated ran its share much slower, while two processes did not slow each other
/// (the README's bench notes give the figures). Where memory is nearer to some cores than to others (a two-socket
/// server, or cores its host placed apart), pages end up near the core that first wrote them.
/// </summary>
internal sealed unsafe class AlignedMemory
{
    private const int Alignment = 64;

    /// <summary>At least <paramref name="bytes"/> bytes, zeroed here: by the allocating thread, which so writes the pages first.</summary>
    public AlignedMemory(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Bytes = Math.Max(bytes, Alignment);
        Pointer = NativeMemory.AlignedAlloc((nuint)Bytes, Alignment);
        NativeMemory.Clear(Pointer, (nuint)Bytes);
        GC.AddMemoryPressure(Bytes);
    }

    ~AlignedMemory()
    {
        NativeMemory.AlignedFree(Pointer);
        GC.RemoveMemoryPressure(Bytes);
    }

    public void* Pointer { get; }

    public long Bytes { get; }

    /// <summary>
    /// <paramref name="block"/> if it holds <paramref name="length"/> values of <typeparamref name="T"/>, else a new
    /// block of at least that size, grown geometrically so that a slowly rising demand does not reallocate every time.
    /// </summary>
    public static AlignedMemory Ensure<T>(ref AlignedMemory? block, long length) where T : unmanaged
    {
        long bytes = length * sizeof(T);
        if (block is null || block.Bytes < bytes) block = new AlignedMemory(Math.Max(bytes, (block?.Bytes ?? 0) * 3 / 2));
        return block;
    }
}
