using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Classification;

/// <summary>The execution provider names accepted in <c>Classification:ExecutionProviders</c>.</summary>
public static class ExecutionProviderNames
{
    public const string Cpu = "CPU";
    public const string Cuda = "CUDA";

    public static IReadOnlyList<string> Supported { get; } = [Cpu, Cuda];

    public static bool IsSupported(string name) =>
        Supported.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the ONNX Runtime build in use ships the provider (the CPU-only package has no CUDA).</summary>
    public static bool IsAvailable(string name) =>
        OrtEnv.Instance().GetAvailableProviders().Contains(OrtName(name), StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> Available() => OrtEnv.Instance().GetAvailableProviders();

    internal static string OrtName(string name) => name.Trim().ToUpperInvariant() switch
    {
        Cpu => "CPUExecutionProvider",
        Cuda => "CUDAExecutionProvider",
        _ => throw new ArgumentException($"Unknown execution provider '{name}'; use {string.Join(" or ", Supported)}.", nameof(name)),
    };
}
