namespace NotebookNet.Layers;

/// <summary>
/// Arrays an engine reuses across calls, one per worker (scratch) or per chunk (partial gradients) of a parallel
/// region. <see cref="Reserve"/> runs before the region, so the workers only read the slot table.
/// </summary>
internal sealed class WorkerBuffers<T>
{
    private T[]?[] _slots = [];

    /// <summary>Makes room for slots 0 … <paramref name="count"/> − 1.</summary>
    public void Reserve(int count)
    {
        if (_slots.Length < count) Array.Resize(ref _slots, count);
    }

    /// <summary>Slot <paramref name="slot"/>'s array of exactly <paramref name="length"/> elements, reallocated when the length changes.</summary>
    public T[] Get(int slot, int length)
    {
        var buffer = _slots[slot];
        if (buffer is null || buffer.Length != length) _slots[slot] = buffer = new T[length];
        return buffer;
    }
}
