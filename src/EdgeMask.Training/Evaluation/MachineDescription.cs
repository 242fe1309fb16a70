namespace EdgeMask.Training.Evaluation;

/// <summary>The CPU model and core count, as numbers in reports must say where they came from.</summary>
public static class MachineDescription
{
    public static string Describe()
    {
        var model = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                model = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return $"{model}, {Environment.ProcessorCount} logical cores available, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
