using System.CommandLine;
using EdgeMask.Training.Cli;

EdgeMask.Classification.OnnxRuntimeTelemetry.TurnOff();

var root = new RootCommand("edgemask-train: trains, exports, quantizes and evaluates EdgeMask's mask classifier.")
{
    TrainCommand.Create(),
    ExportCommand.Create(),
    InterpolateCommand.Create(),
    FeatureHeadCommand.Create(),
    EvaluateCommand.Create(),
    PreviewCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
