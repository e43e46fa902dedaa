using System.Runtime.InteropServices;

namespace NotebookNet.Bench;

/// <summary>One line about the machine, so figures can be read against how busy it was.</summary>
public static class Machine
{
    public static string Describe()
    {
        string load = File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";
        return $"machine: {Environment.ProcessorCount} cores, load average {load} (1/5/15 min; above the core count, timings are noisy), " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
