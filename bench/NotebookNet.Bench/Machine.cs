using System.Runtime.InteropServices;

namespace NotebookNet.Bench;

/// <summary>One line about the machine, so figures can be read against how busy it was.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages, or "n/a".</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

    public static string Describe()
    {
        string load = LoadAverage();
        return $"machine: {Environment.ProcessorCount} cores, load average {load} (1/5/15 min; above the core count, timings are noisy), " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
