using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Per-thread, 64-byte aligned scratch memory for the kernels (packed panels, strided copies), in blocks each
/// thread allocates and writes first (<see cref="AlignedMemory"/>). It grows on demand and is reused, so the hot
/// paths allocate nothing once warm; the memory is unmanaged, so its address never moves and kernels may hold raw
/// pointers into it.
/// </summary>
internal static unsafe class ScratchBuffer<T> where T : unmanaged
{
    [ThreadStatic] private static AlignedMemory? t_slot0;
    [ThreadStatic] private static AlignedMemory? t_slot1;
    [ThreadStatic] private static AlignedMemory? t_slot2;

    /// <summary>At least <paramref name="length"/> elements of slot 0 (contents undefined).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot0(int length) => (T*)AlignedMemory.Ensure<T>(ref t_slot0, length).Pointer;

    /// <summary>At least <paramref name="length"/> elements of slot 1, distinct from slot 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot1(int length) => (T*)AlignedMemory.Ensure<T>(ref t_slot1, length).Pointer;

    /// <summary>At least <paramref name="length"/> elements of slot 2, distinct from slots 0 and 1 (a product's result before it is rearranged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T* Slot2(int length) => (T*)AlignedMemory.Ensure<T>(ref t_slot2, length).Pointer;
}
