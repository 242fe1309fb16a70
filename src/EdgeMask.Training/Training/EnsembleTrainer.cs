using EdgeMask.Training.Data;
using EdgeMask.Training.Model;

namespace EdgeMask.Training.Training;

/// <summary>
/// Trains one network per seed, one after another (each run reseeds libtorch, so a network is the same as when trained
/// alone), and saves each checkpoint; several seeds go to seed-N folders under the checkpoint folder.
/// </summary>
public sealed class EnsembleTrainer(TrainingOptions options, TextWriter log)
{
    public EnsembleResult Run(IReadOnlyList<int> seeds, string checkpointDirectory, CancellationToken cancellationToken = default)
    {
        if (seeds.Count == 0)
        {
            throw new ArgumentException("--seed needs at least one value.", nameof(seeds));
        }

        if (options.FineTuneFrom is not null && seeds.Count > 1 && !options.FineTuneAllLayers)
        {
            log.WriteLine($"fine-tuning trains one network: seed {seeds[0]}");
            seeds = [seeds[0]];
        }

        var results = new List<TrainingResult>();
        foreach (var seed in seeds)
        {
            if (seeds.Count > 1)
            {
                log.WriteLine($"network {results.Count + 1} of {seeds.Count}: seed {seed}");
            }

            // Fine-tuning every layer of an averaged model: the n-th seed starts from its n-th network.
            var run = options with { Seed = seed, FineTuneMember = options.FineTuneAllLayers ? results.Count : 0 };
            var trained = new Trainer(run, log).Run(cancellationToken);
            var folder = seeds.Count == 1 ? checkpointDirectory : Path.Combine(checkpointDirectory, Checkpoint.SeedFolder(seed));
            Checkpoint.Save(folder, trained.Net, run, trained.Data.ListingSha256);
            log.WriteLine($"checkpoint saved to {folder}");
            results.Add(trained);
        }

        return new EnsembleResult(results.Select(r => r.Net).ToList(), results[0].Data, results[0].Classes);
    }
}

/// <summary>The trained networks (in seed order), the data they were trained on and their classes.</summary>
public sealed record EnsembleResult(IReadOnlyList<MaskNet> Nets, ImageFolder Data, ClassScheme Classes);
