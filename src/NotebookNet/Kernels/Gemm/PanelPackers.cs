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
/// Packs Nr-column panels of a GEMM's right operand op(B) (for each k step, Nr consecutive columns).
/// Columns past the matrix in a partial panel may hold anything finite or not: the driver never stores them.
/// </summary>
internal unsafe interface IPackB<T> where T : unmanaged
{
    /// <summary>
    /// Whether panels are best packed one at a time, right before their use (columns of a stored B, an image): then a
    /// single row block packs each panel into one reused buffer. False when a whole block packs faster in one pass
    /// (<see cref="PackBlock"/>: rows of Bᵀ).
    /// </summary>
    bool Streams { get; }

    /// <summary>
    /// Packs columns [column, column + columns) (at most Nr) and k steps [depth, depth + steps) at <paramref name="dst"/>.
    /// Returns where the micro-kernel should prefetch from while it multiplies this panel: the next panel's source
    /// when that is one contiguous run, else <paramref name="dst"/>.
    /// </summary>
    T* Pack(int column, int columns, int depth, int steps, T* dst);

    /// <summary>Packs the panels of columns [column, column + columns) one after another at <paramref name="dst"/>; used when not <see cref="Streams"/>.</summary>
    void PackBlock(int column, int columns, int depth, int steps, T* dst);

    /// <summary>
    /// Where a full Nr-wide panel can be read in place: value j of k step p at <c>result[offsets[p] + columns[j]]</c>,
    /// with <paramref name="columns"/> (Nr values) filled by the packer; null when the panel must be packed.
    /// </summary>
    T* InPlace(int column, int depth, int* columns, out int* offsets);

    /// <summary>Whether <see cref="InPlace"/> ever hands a panel out (else it always returns null).</summary>
    bool ReadsInPlace { get; }
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
/// op(A) packed once by <see cref="GemmDriver.Prepack{T, TA}"/> and reused by many products (a layer's weights
/// across a batch of images). Only for a single row block (<see cref="GemmDriver.PrepackedLength{T}"/> is 0 otherwise).
/// </summary>
internal readonly unsafe struct PrepackedA<T>(T* panels, int rows) : IPackA<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    public T* Pack(int row, int count, int depth, int steps, T* scratch) =>
        panels + (nint)depth * GemmDriver.PaddedRows<T>(rows);
}

/// <summary>
/// op(B) read from an ordinary column-major matrix with <paramref name="n"/> columns in op(B). With
/// <paramref name="rows"/>, full panels are read where they are instead of being packed, which is worth it when few A
/// panels share each B panel (packing would cost about as much as the products): six columns of B, each contiguous
/// along k, or, for Bᵀ, six neighbouring values of each row, <paramref name="rows"/> giving the offset of row p (p·ldb).
/// </summary>
internal readonly unsafe struct StoredB<T>(bool transposed, T* b, nint ldb, int n, int* rows = null) : IPackB<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>Whether products of <paramref name="m"/> rows read B in place: one or two pairs of A panels.</summary>
    public static bool ReadsInPlace(int m) => m > GemmMicroKernel.Mr<T>() && m <= 4 * GemmMicroKernel.Mr<T>();

    public bool Streams => !transposed || rows != null;

    bool IPackB<T>.ReadsInPlace => rows != null;

    public T* Pack(int column, int columns, int depth, int steps, T* dst)
    {
        T* source = transposed ? b + column + depth * ldb : b + depth + column * ldb;
        GemmPacking.PackBPanel(transposed, source, ldb, steps, columns, dst);
        int next = column + columns;
        if (transposed || next >= n) return dst;
        // Columns of B are short runs, too short for the hardware prefetcher to ramp up on: when the next panel's
        // columns are one contiguous run the micro-kernel asks for it a little per k step, else it is asked for now.
        if (ldb == steps) return source + columns * ldb;
        GemmPacking.PrefetchBColumns(source + columns * ldb, ldb, steps, Math.Min(GemmMicroKernel.Nr, n - next));
        return dst;
    }

    public void PackBlock(int column, int columns, int depth, int steps, T* dst)
    {
        if (transposed) GemmPacking.PackBRows(b + column + depth * ldb, ldb, steps, columns, dst);
        else Panels.PackEach<T, StoredB<T>>(this, column, columns, depth, steps, dst);
    }

    public T* InPlace(int column, int depth, int* columns, out int* offsets)
    {
        offsets = null;
        if (rows == null) return null;
        if (transposed)
        {
            for (int j = 0; j < GemmMicroKernel.Nr; j++) columns[j] = j;
            offsets = rows;
            return b + column + depth * ldb;
        }
        for (int j = 0; j < GemmMicroKernel.Nr; j++) columns[j] = (int)(j * ldb);
        offsets = Panels.Steps;
        return b + depth + column * ldb;
    }
}

/// <summary>What every <see cref="IPackB{T}"/> shares.</summary>
internal static unsafe class Panels
{
    private static readonly int[] s_steps = GC.AllocateArray<int>(4096, pinned: true);

    /// <summary>0, 1, 2, … (4,096 of them, more than any depth block): the k-step offsets of a panel read in place along k.</summary>
    public static readonly int* Steps = Init();

    private static int* Init()
    {
        for (int i = 0; i < s_steps.Length; i++) s_steps[i] = i;
        return (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_steps[0]);
    }

    /// <summary><see cref="IPackB{T}.PackBlock"/> as consecutive <see cref="IPackB{T}.Pack"/> calls, for packers with no faster way.</summary>
    public static void PackEach<T, TB>(in TB b, int column, int columns, int depth, int steps, T* dst)
        where T : unmanaged
        where TB : struct, IPackB<T>
    {
        for (int j = 0; j < columns; j += GemmMicroKernel.Nr)
            b.Pack(column + j, Math.Min(GemmMicroKernel.Nr, columns - j), depth, steps, dst + (nint)j * steps);
    }
}
