namespace NotebookNet.Bench;

/// <summary>How a CNN run is asked for: epochs, how many training images, the seed.</summary>
public sealed record CnnSettings(int Epochs, int Limit, uint Seed, int Threads);

/// <summary>What one engine reports: seconds spent training (data preparation and testing excluded), images trained, test accuracy.</summary>
public sealed record CnnOutcome(string Engine, double TrainSeconds, long ImagesTrained, double TestAccuracy)
{
    public double ImagesPerSecond => ImagesTrained / TrainSeconds;
}
