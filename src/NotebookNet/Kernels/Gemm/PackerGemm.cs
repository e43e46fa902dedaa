using System.Numerics;
using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// A single-threaded blocked GEMM, C = op(A)·op(B) + beta·C, whose operands are packed by the caller's
/// <see cref="IPackA{T}"/> and <see cref="IPackB{T}"/>: a convolution packs its column matrix straight from
/// the image (<see cref="ImplicitPatches{T}"/>) instead of writing the im2col matrix out and packing it again.
/// It is the Goto loop of <see cref="PackedGemm"/> without its special cases: depth blocks of at most Kc,
/// then row blocks of Mc (A in L2) swept by Nr-wide B panels (in L1). With a single row block each B panel
/// is packed right before its only use, so B is never written out whole; and when the packer can hand its
/// values out in place (<see cref="IPackB{T}.InPlace"/>, as an image is for its im2col operand), the
/// micro-kernel reads them there and there is no packing pass at all (<see cref="GemmMicroKernel.RunGathered{T}"/>).
/// </summary>
internal static unsafe class PackerGemm
{
    private const int Kc = 256;

    /// <summary>Rows of op(A) per block (A block in L2), as in <see cref="PackedGemm"/>.</summary>
    private static int Mc<T>() => typeof(T) == typeof(float) ? 144 : 72;

    /// <summary>Columns of op(B) per block when B is packed whole (several row blocks share it).</summary>
    private const int Nc = 1020;

    /// <summary>m rounded up to whole Mr panels.</summary>
    public static int PaddedRows<T>(int m) => (m + GemmMicroKernel.Mr<T>() - 1) / GemmMicroKernel.Mr<T>() * GemmMicroKernel.Mr<T>();

    /// <summary>Elements <see cref="Prepack{T, TA}"/> writes for an m×k op(A), or 0 when m is too tall to prepack.</summary>
    public static int PrepackedLength<T>(int m, int k) => m <= Mc<T>() ? PaddedRows<T>(m) * k : 0;

    /// <summary>Packs all of an m×k op(A) (m ≤ Mc) in the depth blocks <see cref="Run{T, TA, TB}"/> uses, for <see cref="PrepackedA{T}"/>.</summary>
    public static void Prepack<T, TA>(int m, int k, in TA a, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TA : struct, IPackA<T>
    {
        if (m > Mc<T>()) throw new ArgumentOutOfRangeException(nameof(m), m, $"At most {Mc<T>()} rows can be packed ahead.");
        int kcMax = DepthBlock<T>(m, k), rows = PaddedRows<T>(m);
        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            T* at = dst + (nint)pc * rows;
            T* packed = a.Pack(0, m, pc, kc, at);
            if (packed != at) Buffer.MemoryCopy(packed, at, (long)rows * kc * sizeof(T), (long)rows * kc * sizeof(T));
        }
    }

    /// <summary>
    /// Balanced depth blocks: k = 300 becomes 150 + 150, not 256 + 44. A single row block may go deeper (up to
    /// 1024) while it fills at most half of L2: fewer passes over C, and each B panel is packed in one go.
    /// </summary>
    private static int DepthBlock<T>(int m, int k) where T : unmanaged
    {
        int limit = m <= Mc<T>() ? Math.Clamp(256 * 1024 / sizeof(T) / PaddedRows<T>(m), Kc, 1024) : Kc;
        int blocks = Math.Max(1, (k + limit - 1) / limit);
        return Math.Max(1, (k + blocks - 1) / blocks);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TA, TB>(int m, int n, int k, in TA a, in TB b, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TA : struct, IPackA<T>
        where TB : struct, IPackB<T>
    {
        if (m <= 0 || n <= 0) return;
        if (k == 0)
        {
            for (int j = 0; j < n; j++) Vectors.Scale(c + j * ldc, m, beta);
            return;
        }
        int mr = GemmMicroKernel.Mr<T>(), nr = GemmMicroKernel.Nr;
        int mcMax = Mc<T>();
        bool oneRowBlock = m <= mcMax;
        int kcMax = DepthBlock<T>(m, k);
        int ncAlloc = oneRowBlock ? nr : (Math.Min(n, Nc) + nr - 1) / nr * nr;
        T* packedA = ScratchBuffer<T>.Slot0(PaddedRows<T>(Math.Min(m, mcMax)) * kcMax);
        // A B packer may write up to one vector past its last panel (see ImplicitPatches).
        T* packedB = ScratchBuffer<T>.Slot1(ncAlloc * kcMax + 16);
        T* edge = stackalloc T[16 * GemmMicroKernel.Nr];
        int* columns = stackalloc int[GemmMicroKernel.Nr];

        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            T betaNow = pc == 0 ? beta : T.One;
            if (oneRowBlock)
            {
                T* panelsA = a.Pack(0, m, pc, kc, packedA);
                for (int j = 0; j < n; j += nr)
                {
                    int cols = Math.Min(nr, n - j);
                    int* offsets = null;
                    T* inPlace = cols == nr ? b.InPlace(j, pc, columns, out offsets) : null;
                    if (inPlace != null)
                    {
                        for (int i = 0; i < m; i += mr)
                            GemmMicroKernel.TileGathered(kc, panelsA + (nint)i * kc, inPlace, offsets, columns, c + i + j * ldc, ldc,
                                Math.Min(mr, m - i), betaNow, edge);
                        continue;
                    }
                    b.Pack(j, cols, pc, kc, packedB);
                    Sweep(m, cols, kc, panelsA, packedB, c + j * ldc, ldc, betaNow, edge);
                }
                continue;
            }
            for (int jc = 0; jc < n; jc += Nc)
            {
                int nc = Math.Min(Nc, n - jc);
                for (int j = 0; j < nc; j += nr)
                    b.Pack(jc + j, Math.Min(nr, nc - j), pc, kc, packedB + (nint)j * kc);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    T* panelsA = a.Pack(ic, mc, pc, kc, packedA);
                    for (int j = 0; j < nc; j += nr)
                        Sweep(mc, Math.Min(nr, nc - j), kc, panelsA, packedB + (nint)j * kc,
                            c + ic + (jc + j) * ldc, ldc, betaNow, edge);
                }
            }
        }
    }

    /// <summary>One B panel against every A panel of a row block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sweep<T>(int mc, int cols, int kc, T* packedA, T* bp, T* c, nint ldc, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>();
        for (int i = 0; i < mc; i += mr)
            GemmMicroKernel.Tile(kc, packedA + (nint)i * kc, bp, c + i, ldc, Math.Min(mr, mc - i), cols, T.One, beta, edge);
    }
}
