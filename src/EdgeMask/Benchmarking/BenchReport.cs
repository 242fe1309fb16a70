using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeMask.Benchmarking;

/// <summary>The benchmark's markdown report, with the machine it ran on and the command that produced it.</summary>
public static class BenchReport
{
    public static string Markdown(IReadOnlyList<StageTimings> rows, string command, long peakRssBytes, long finalRssBytes)
    {
        var md = new StringBuilder();
        md.AppendLine("# EdgeMask benchmark").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- command: `{command}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {CpuModel()}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- runtime: .NET {Environment.Version}; date {DateTimeOffset.UtcNow:yyyy-MM-dd}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- resident memory of the bench process: peak {peakRssBytes / 1048576.0:0} MiB, at the end {finalRssBytes / 1048576.0:0} MiB");
        md.AppendLine();
        md.AppendLine("Times are means per frame in milliseconds. End-to-end = decode + detect + classify + scene, one frame after another");
        md.AppendLine("on one thread of work (what one core must sustain). The tutorial pipeline (full-frame Haar at scale 1.1 /");
        md.AppendLine("5 neighbours + VGG19 at 128x128 per face, random weights) runs on the same frames in the same process.");
        md.AppendLine();
        md.AppendLine("| clip | threads | faces found | decode | detect | classify | per face | scene | sinks | end-to-end fps | alloc/frame | tutorial fps | speed-up |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            md.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Width}x{r.Height}, {r.Content} | {r.Threads} | {r.FacesFoundPerFrame:0.0} | {r.DecodeMs:0.00} | {r.DetectMs:0.00} | {r.ClassifyMs:0.00} | {r.ClassifyMsPerFace:0.000} | {r.SceneMs:0.000} | {r.SinksMs:0.000} | {r.EndToEndFps:0.0} | {r.AllocatedBytesPerFrame / 1024:0.0} KiB | {(r.TutorialFps > 0 ? r.TutorialFps.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {(r.TutorialFps > 0 ? r.SpeedupOverTutorial.ToString("0.0", CultureInfo.InvariantCulture) + "x" : "")} |"));
        }

        return md.ToString();
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
