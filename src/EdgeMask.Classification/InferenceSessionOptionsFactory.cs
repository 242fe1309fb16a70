using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Classification;

/// <summary>Turns <see cref="ClassificationOptions"/> into ONNX Runtime session options.</summary>
internal static class InferenceSessionOptionsFactory
{
    public static SessionOptions Create(ClassificationOptions options, string modelPath)
    {
        var session = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = options.GraphOptimizationLevel switch
            {
                GraphOptimization.Disabled => GraphOptimizationLevel.ORT_DISABLE_ALL,
                GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
        };

        try
        {
            foreach (var provider in options.EffectiveExecutionProviders)
            {
                // CPU is always appended last by ONNX Runtime itself; only the accelerators need registering.
                if (string.Equals(provider.Trim(), ExecutionProviderNames.Cuda, StringComparison.OrdinalIgnoreCase))
                {
                    session.AppendExecutionProvider_CUDA(0);
                }
                else if (!string.Equals(provider.Trim(), ExecutionProviderNames.Cpu, StringComparison.OrdinalIgnoreCase))
                {
                    throw new MaskModelException(
                        modelPath,
                        $"Classification:ExecutionProviders names '{provider}'; use {string.Join(" or ", ExecutionProviderNames.Supported)}");
                }
            }
        }
        catch (OnnxRuntimeException ex)
        {
            session.Dispose();
            throw new MaskModelException(modelPath, $"execution provider set-up failed ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        return session;
    }
}
