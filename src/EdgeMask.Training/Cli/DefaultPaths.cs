namespace EdgeMask.Training.Cli;

/// <summary>Default locations relative to the repository root (found by walking up to EdgeMask.sln from the working folder).</summary>
internal static class DefaultPaths
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "EdgeMask.sln")))
                {
                    return folder.FullName;
                }
            }

            return Directory.GetCurrentDirectory();
        }
    }

    public static string MaskCrops => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", "mask-crops"));

    public static string Models => Path.Combine(Root, "models");

    /// <summary>Checkpoints stay out of the repository (artifacts/ is ignored).</summary>
    public static string Checkpoint => Path.Combine(Root, "artifacts", "training");
}
