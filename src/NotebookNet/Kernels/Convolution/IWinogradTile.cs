namespace NotebookNet.Kernels;

/// <summary>
/// One of Winograd's minimal filterings F(m×m, 5×5) (Lavin &amp; Gray 2015, "Fast Algorithms for Convolutional Neural
/// Networks"): an m×m block of a stride-1 5×5 cross-correlation from one α×α input tile d (α = m + 4) in α²
/// multiplications instead of 25·m², <c>Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A</c>. Its weight gradient runs it backwards:
/// with U = G g Gᵀ and V = Bᵀ d B, <c>∂L/∂g = Gᵀ [Σ over tiles (A ∂L/∂Y Aᵀ) ⊙ V] G</c>. The matrices come from the
/// Toom-Cook construction on α − 1 points and ∞: G evaluates a kernel row at the points, Aᵀ an output row's polynomial,
/// and Bᵀ is the transposed Lagrange interpolation, its denominators moved into G (applied once per batch, in double).
/// An implementation gives the one-dimensional products with these matrices; <see cref="WinogradTransforms"/> applies
/// them down the columns and then along the rows of a tile. Each reads values at <c>x[0], x[s], x[2s], …</c> and writes
/// its results the same way, so one line serves a tile in memory and one on the stack; on vectors
/// (<see cref="ILane{TV, T}"/>), lane l of every value belongs to channel (or kernel) l of a run of them.
/// </summary>
internal unsafe interface IWinogradTile
{
    /// <summary>Side m of the output block one tile gives.</summary>
    static abstract int Out { get; }

    /// <summary>Side α = m + 4 of an input tile.</summary>
    static abstract int Tile { get; }

    /// <summary>u = G·g: α values from a kernel's 5.</summary>
    static abstract void Kernel(double* g, nint gs, double* u, nint us);

    /// <summary>g = Gᵀ·m: a kernel's 5 values from α point gradients.</summary>
    static abstract void KernelGradient(double* m, nint ms, double* g, nint gs);

    /// <summary><see cref="KernelGradient(double*, nint, double*, nint)"/> on vectors of kernels.</summary>
    static abstract void KernelGradient<TV, T>(TV* m, nint ms, TV* g, nint gs) where TV : unmanaged, ILane<TV, T> where T : unmanaged;

    /// <summary>t = Bᵀ·d: α values from α.</summary>
    static abstract void Input<TV, T>(TV* d, nint ds, TV* t, nint ts) where TV : unmanaged, ILane<TV, T> where T : unmanaged;

    /// <summary>y = Aᵀ·m: m values from α.</summary>
    static abstract void Output<TV, T>(TV* m, nint ms, TV* y, nint ys) where TV : unmanaged, ILane<TV, T> where T : unmanaged;

    /// <summary>z = A·y: α values from m output gradients.</summary>
    static abstract void OutputGradient<TV, T>(TV* y, nint ys, TV* z, nint zs) where TV : unmanaged, ILane<TV, T> where T : unmanaged;
}
