using System.Runtime.CompilerServices;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// Scratch an engine reuses across calls, one block per worker of a parallel region, in memory that worker allocates
/// and writes first, on a 64-byte boundary (<see cref="AlignedMemory"/>): <see cref="Get"/> runs inside the worker's share.
/// <see cref="Reserve"/> runs before the region, so the workers only read the slot table.
/// </summary>
internal sealed class WorkerBuffers<T> where T : struct
{
    private AlignedMemory?[] _slots = [];

    /// <summary>Makes room for slots 0 … <paramref name="count"/> − 1.</summary>
    public void Reserve(int count)
    {
        if (_slots.Length < count) Array.Resize(ref _slots, count);
    }

    /// <summary>
    /// Slot <paramref name="slot"/>'s <paramref name="length"/> values, kept from call to call (contents stale); the span
    /// is valid until a longer one is asked of the same slot.
    /// </summary>
    public unsafe Span<T> Get(int slot, int length)
    {
        var block = _slots[slot];
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (block is null || block.Bytes < bytes) _slots[slot] = block = new AlignedMemory(bytes);
        return new Span<T>(block.Pointer, length);
    }
}
