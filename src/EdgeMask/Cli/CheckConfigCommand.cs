using System.CommandLine;
using EdgeMask.Classification;
using EdgeMask.Configuration;
using EdgeMask.Detection;
using EdgeMask.Detection.YuNet;
using EdgeMask.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EdgeMask.Cli;

/// <summary><c>edgemask check-config</c>: validates the effective configuration and prints it, secrets masked.</summary>
public static class CheckConfigCommand
{
    public static Command Create(Option<FileInfo?> config)
    {
        var command = new Command("check-config", "Validate the effective configuration and print it with secrets masked.");
        command.SetAction((parse, _) => Task.FromResult(Execute(parse.GetValue(config)?.FullName, Console.Out, Console.Error)));
        return command;
    }

    public static int Execute(string? configFile, TextWriter output, TextWriter error)
    {
        try
        {
            // Runs every ValidateOnStart registration (data annotations and cross-field validators) without
            // starting the pipeline, so no camera is opened; then loads the models the daemon would load.
            using var services = EdgeMaskHost.BuildValidatedServices(configFile);

            output.WriteLine(ConfigurationPrinter.ToJson(services.GetRequiredService<IConfiguration>()));
            output.WriteLine(FaceDetectorCheck.Run(
                services.GetRequiredService<IOptions<DetectionOptions>>().Value,
                services.GetRequiredService<IOptions<YuNetOptions>>().Value));
            var (model, grey) = MaskModelFile.CheckModels(services.GetRequiredService<IOptions<ClassificationOptions>>().Value);
            output.WriteLine($"mask classifier: {model.Path}, classes {string.Join("/", model.Labels)}, input {model.InputWidth}x{model.InputHeight}, runs in ONNX Runtime");
            output.WriteLine(grey is null
                ? "grey faces (infrared night mode): the mask classifier above (no Classification:GreyModelPath)"
                : $"grey faces (infrared night mode): {grey.Path}, classes {string.Join("/", grey.Labels)}, {(grey.InputColour == InputColour.Grey ? "trained on grey crops" : "a colour model")}{(grey.InputContrast == InputContrast.Standardised ? ", contrast standardised per crop" : "")}");
            output.WriteLine("configuration is valid");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (StartupFailure.TryExplain(ex) is { } failure)
        {
            error.WriteLine($"edgemask: {failure.Message}");
            return failure.ExitCode;
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine($"edgemask: {ex.Message}");
            return ExitCodes.NoInput;
        }
    }
}
