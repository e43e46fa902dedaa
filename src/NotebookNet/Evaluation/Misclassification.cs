namespace NotebookNet.Evaluation;

/// <summary>A sample the network got wrong: its index in the set, its true class, the predicted class and the
/// softmax probability the network gave that prediction.</summary>
public sealed record Misclassification(int Index, int True, int Predicted, double Confidence);
