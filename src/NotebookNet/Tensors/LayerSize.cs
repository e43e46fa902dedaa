using System.Globalization;

namespace NotebookNet.Tensors;

/// <summary>
/// The checked product of a layer's sizes (its weights, an image's rows, a window's count): every layer constructor
/// computes its products here, so a shape too large for one array fails at construction with a message naming the
/// layer and the sizes, instead of wrapping around into a wrong row count or zero-length storage.
/// </summary>
public static class LayerSize
{
    /// <summary>
    /// Returns <c>sizes[0]·sizes[1]·…</c>; throws an <see cref="ArgumentException"/> naming <paramref name="layer"/>,
    /// <paramref name="what"/> and the sizes when the product exceeds <see cref="Array.MaxLength"/> elements.
    /// </summary>
    public static int Product(string layer, string what, params ReadOnlySpan<long> sizes)
    {
        long product = 1;
        bool overflow = false;
        foreach (long size in sizes)
        {
            if (size < 0) throw new ArgumentException($"{layer}: {what} {Format(sizes)} has a negative size {size}.");
            if (!overflow && size != 0 && product > Array.MaxLength / size) overflow = true;
            else if (!overflow) product *= size;
        }
        if (overflow || product > Array.MaxLength)
        {
            string value = Exact(sizes);
            throw new ArgumentException(
                $"{layer}: {what} {Format(sizes)} = {value} elements, more than one array can hold " +
                $"({Array.MaxLength.ToString(CultureInfo.InvariantCulture)}).");
        }
        return (int)product;
    }

    private static string Format(ReadOnlySpan<long> sizes)
    {
        var parts = new string[sizes.Length];
        for (int i = 0; i < sizes.Length; i++) parts[i] = sizes[i].ToString(CultureInfo.InvariantCulture);
        return string.Join("·", parts);
    }

    private static string Exact(ReadOnlySpan<long> sizes)
    {
        System.Numerics.BigInteger product = 1;
        foreach (long size in sizes) product *= size;
        return product.ToString(CultureInfo.InvariantCulture);
    }
}
