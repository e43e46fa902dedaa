namespace NotebookNet.Data;

/// <summary>Images and their labels; deconstructs like Python's <c>(x_train, y_train)</c>.</summary>
public sealed record MnistSet(MnistImages Images, byte[] Labels)
{
    public int Count => Labels.Length;
}
