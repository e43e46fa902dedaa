namespace NotebookNet.Kernels;

/// <summary>
/// Checks BLAS arguments up front, because the kernels behind <see cref="Blas"/> use raw pointers and
/// would otherwise read or write past a buffer instead of throwing.
/// </summary>
internal static class BlasArguments
{
    public static void CheckGemm(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Gemm sizes must be non-negative, got m={m}, n={n}, k={k}.");
        CheckMatrix("A", transA ? k : m, transA ? m : k, aLength, lda, "lda");
        CheckMatrix("B", transB ? n : k, transB ? k : n, bLength, ldb, "ldb");
        CheckMatrix("C", m, n, cLength, ldc, "ldc");
    }

    public static void CheckGer(int m, int n, int xLength, int yLength, int aLength, int lda)
    {
        if (m < 0 || n < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Ger sizes must be non-negative, got m={m}, n={n}.");
        if (xLength < m)
            throw new ArgumentException($"Ger: x has {xLength} elements, needs m={m}.", "x");
        if (yLength < n)
            throw new ArgumentException($"Ger: y has {yLength} elements, needs n={n}.", "y");
        CheckMatrix("A", m, n, aLength, lda, "lda");
    }

    /// <summary>A stored rows×columns column-major matrix must have ld ≥ max(1, rows) and fit its span.</summary>
    private static void CheckMatrix(string name, int rows, int columns, int length, int ld, string ldName)
    {
        if (ld < Math.Max(1, rows))
            throw new ArgumentOutOfRangeException(ldName,
                $"{ldName}={ld} is less than the {rows} rows of the stored {name} ({rows}x{columns}).");
        if (rows == 0 || columns == 0) return;
        long needed = (long)ld * (columns - 1) + rows;
        if (length < needed)
            throw new ArgumentException(
                $"{name} ({rows}x{columns}, {ldName}={ld}) needs {needed} elements but its span has {length}.", name.ToLowerInvariant());
    }
}
