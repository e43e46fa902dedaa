using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Per-thread, pinned, 64-byte aligned scratch memory for the kernels (packed panels, strided copies).
/// It grows on demand and is reused, so the hot paths allocate nothing once warm; being on the pinned
/// object heap its address never moves, so kernels may hold raw pointers into it.
/// </summary>
internal static unsafe class ScratchBuffer<T> where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic] private static T[]? t_slot0;
    [ThreadStatic] private static T[]? t_slot1;
    [ThreadStatic] private static T[]? t_slot2;

    /// <summary>At least <paramref name="length"/> elements of slot 0 (contents undefined).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot0(int length) => Aligned(ref t_slot0, length);

    /// <summary>At least <paramref name="length"/> elements of slot 1, distinct from slot 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot1(int length) => Aligned(ref t_slot1, length);

    /// <summary>At least <paramref name="length"/> elements of slot 2, distinct from slots 0 and 1 (a product's result before it is rearranged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot2(int length) => Aligned(ref t_slot2, length);

    private static T* Aligned(ref T[]? slot, int length)
    {
        int pad = Alignment / sizeof(T);
        var array = slot;
        if (array is null || array.Length < length + pad)
        {
            // Grow geometrically so a slowly rising demand does not reallocate on every call.
            int size = (int)Math.Min(Array.MaxLength, Math.Max((long)length + pad, (array?.Length ?? 0) * 3L / 2));
            slot = array = GC.AllocateUninitializedArray<T>(size, pinned: true);
        }
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        nuint aligned = (address + Alignment - 1) & ~(nuint)(Alignment - 1);
        return (T*)aligned;
    }
}
