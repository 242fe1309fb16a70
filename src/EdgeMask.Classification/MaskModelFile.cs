using Microsoft.ML.OnnxRuntime;

namespace EdgeMask.Classification;

/// <summary>Opens a classifier model file and proves it follows docs/model-format.md, including one test inference.</summary>
public static class MaskModelFile
{
    /// <summary>Reads and checks a model (for tools and the trainer); throws <see cref="MaskModelException"/> naming the file and the problem.</summary>
    public static MaskModelInfo Inspect(string path)
    {
        using var options = new SessionOptions();
        using var model = Open(Path.GetFullPath(path), options);
        return model.Info;
    }

    /// <summary>
    /// Opens the configured model with the configured session options (threads, providers) and runs the test
    /// inference, as the daemon does at start; for <c>edgemask check-config</c>.
    /// </summary>
    /// <exception cref="MaskModelException">The model is missing or breaks docs/model-format.md; the message names the file and the problem.</exception>
    public static MaskModelInfo Check(ClassificationOptions options) => CheckModels(options).Main;

    /// <summary>As <see cref="Check"/>, and the grey model too when one is configured (null when none is).</summary>
    /// <exception cref="MaskModelException">A model is missing, breaks docs/model-format.md, or the grey model does not fit the main one.</exception>
    public static (MaskModelInfo Main, MaskModelInfo? Grey) CheckModels(ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.ResolveModelPath();
        using var sessionOptions = InferenceSessionOptionsFactory.Create(options, path);
        using var model = Open(path, sessionOptions);
        if (options.ResolveGreyModelPath() is not { } greyPath)
        {
            return (model.Info, null);
        }

        using var greySessionOptions = InferenceSessionOptionsFactory.Create(options, greyPath);
        using var grey = Open(greyPath, greySessionOptions, GreyModelKey);
        CheckGreyCompanion(model.Info, grey.Info);
        return (model.Info, grey.Info);
    }

    internal const string ModelKey = ClassificationOptions.SectionName + ":ModelPath";
    internal const string GreyModelKey = ClassificationOptions.SectionName + ":GreyModelPath";

    /// <summary>
    /// The grey model sees the crops the main model's margin and input size make: it must take the same input size and,
    /// where both record one, the same trained margin. Throws <see cref="MaskModelException"/> naming the grey model.
    /// </summary>
    internal static void CheckGreyCompanion(MaskModelInfo main, MaskModelInfo grey)
    {
        if ((grey.InputWidth, grey.InputHeight) != (main.InputWidth, main.InputHeight))
        {
            throw new MaskModelException(
                grey.Path,
                $"{GreyModelKey} takes {grey.InputWidth}x{grey.InputHeight} crops but {ModelPath(main)} takes {main.InputWidth}x{main.InputHeight}; they must match");
        }

        if (grey.TrainedCropMargin is { } greyMargin && main.TrainedCropMargin is { } mainMargin && Math.Abs(greyMargin - mainMargin) > 1e-6)
        {
            throw new MaskModelException(
                grey.Path,
                $"{GreyModelKey} was trained with crop margin {greyMargin} but {ModelPath(main)} with {mainMargin}; they must match");
        }
    }

    private static string ModelPath(MaskModelInfo main) => $"{ModelKey} ({main.Path})";

    internal static LoadedMaskModel Open(string path, SessionOptions options, string settingKey = ModelKey)
    {
        CheckFile(path, settingKey);

        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new MaskModelException(path, $"not a loadable ONNX model ({OneLine(ex.Message)})", ex);
        }

        try
        {
            var info = MaskModelContract.Describe(path, session);
            var loaded = new LoadedMaskModel(
                session,
                info,
                session.InputMetadata.Keys.Single(),
                session.OutputMetadata.Keys.Single(),
                MaskModelContract.MaxModelBatch(session));
            CheckTestInference(loaded);
            return loaded;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static void CheckFile(string path, string settingKey)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new MaskModelException(path, $"not a usable file path ({ex.Message})", ex);
        }

        if (!file.Exists)
        {
            throw new MaskModelException(
                path,
                $"the file does not exist (set {settingKey}, or train one with edgemask-train; see docs/model-format.md)");
        }

        if (file.Length == 0)
        {
            throw new MaskModelException(path, "the file is empty (0 bytes); not an ONNX model");
        }

        try
        {
            using (file.OpenRead())
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MaskModelException(path, $"the file cannot be read ({ex.Message})", ex);
        }
    }

    // Proves the graph runs and that its output really is [1, C] before the daemon relies on it.
    private static void CheckTestInference(LoadedMaskModel model)
    {
        var info = model.Info;
        var zeros = new float[3 * info.InputHeight * info.InputWidth];
        try
        {
            using var input = OrtValue.CreateTensorValueFromMemory(zeros, [1, 3, info.InputHeight, info.InputWidth]);
            using var runOptions = new RunOptions();
            using var outputs = model.Session.Run(runOptions, [model.InputName], [input], [model.OutputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != 1 || shape[1] != info.Labels.Count)
            {
                throw new MaskModelException(
                    info.Path,
                    $"a test inference on one face gave output shape [{string.Join(",", shape)}], expected [1,{info.Labels.Count}] (one score per label)");
            }
        }
        catch (OnnxRuntimeException ex)
        {
            throw new MaskModelException(
                info.Path,
                $"a test inference on a [1,3,{info.InputHeight},{info.InputWidth}] input failed ({OneLine(ex.Message)})",
                ex);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <summary>An open session over a model that passed <see cref="MaskModelFile"/>'s checks.</summary>
internal sealed record LoadedMaskModel(InferenceSession Session, MaskModelInfo Info, string InputName, string OutputName, int MaxModelBatch)
    : IDisposable
{
    public void Dispose() => Session.Dispose();
}
