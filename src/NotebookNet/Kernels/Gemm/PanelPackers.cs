namespace NotebookNet.Kernels;

/// <summary>
/// Packs blocks of a GEMM's left operand op(A) into <see cref="GemmMicroKernel"/>'s Mr-row panels
/// (for each k step, Mr consecutive rows). Rows past the matrix in a last, partial panel may hold anything:
/// the driver never stores those rows of C.
/// </summary>
internal unsafe interface IPackA<T> where T : unmanaged
{
    /// <summary>
    /// The ⌈rows/Mr⌉ panels of rows [row, row + rows) and k steps [depth, depth + steps): packed into
    /// <paramref name="scratch"/>, or, for an operand packed ahead of time, where they already are.
    /// </summary>
    T* Pack(int row, int rows, int depth, int steps, T* scratch);
}

/// <summary>
/// Packs one Nr-column panel of a GEMM's right operand op(B) (for each k step, Nr consecutive columns).
/// Columns past the matrix in a partial panel may hold anything finite or not: the driver never stores them.
/// </summary>
internal unsafe interface IPackB<T> where T : unmanaged
{
    /// <summary>Packs columns [column, column + columns) (at most Nr) and k steps [depth, depth + steps) at <paramref name="dst"/>.</summary>
    void Pack(int column, int columns, int depth, int steps, T* dst);

    /// <summary>
    /// Where a full Nr-wide panel can be read in place: value j of k step p at <c>result[offsets[p] + columns[j]]</c>,
    /// with <paramref name="columns"/> (Nr values) filled by the packer; null when the panel must be packed.
    /// </summary>
    T* InPlace(int column, int depth, int* columns, out int* offsets);
}

/// <summary>op(A) read from an ordinary column-major matrix.</summary>
internal readonly unsafe struct StoredA<T>(bool transposed, T* a, nint lda) : IPackA<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public T* Pack(int row, int rows, int depth, int steps, T* scratch)
    {
        GemmPacking.PackA(transposed, transposed ? a + depth + row * lda : a + row + depth * lda, lda, rows, steps, scratch);
        return scratch;
    }
}

/// <summary>
/// op(A) packed once by <see cref="PackerGemm.Prepack{T, TA}"/> and reused by many products (a layer's weights
/// across a batch of images). Only for a single row block (<see cref="PackerGemm.PrepackedLength{T}"/> is 0 otherwise).
/// </summary>
internal readonly unsafe struct PrepackedA<T>(T* panels, int rows) : IPackA<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public T* Pack(int row, int count, int depth, int steps, T* scratch) =>
        panels + (nint)depth * PackerGemm.PaddedRows<T>(rows);
}

/// <summary>op(B) read from an ordinary column-major matrix.</summary>
internal readonly unsafe struct StoredB<T>(bool transposed, T* b, nint ldb) : IPackB<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public void Pack(int column, int columns, int depth, int steps, T* dst) =>
        GemmPacking.PackBPanel(transposed, transposed ? b + column + depth * ldb : b + depth + column * ldb, ldb, steps, columns, dst);

    public T* InPlace(int column, int depth, int* columns, out int* offsets)
    {
        offsets = null;
        return null;
    }
}
