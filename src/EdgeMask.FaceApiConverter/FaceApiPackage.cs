namespace EdgeMask.FaceApiConverter;

/// <summary>The pinned npm package the weights come from, and the SHA-256 of each model file the converter reads.</summary>
internal static class FaceApiPackage
{
    public const string Name = "@vladmandic/face-api";
    public const string Version = "1.7.15";
    public const string Description = Name + "@" + Version + " (MIT licence)";

    /// <summary>SHA-256 of the files in the package's model/ folder that the converter reads.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModelFileSha256 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tiny_face_detector_model-weights_manifest.json"] = "5d1af4849ac48d5b985f4a9b16010c512353ddd6fcc63d50fd0bc9e9e64296e5",
        ["tiny_face_detector_model.bin"] = "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871",
        ["ssd_mobilenetv1_model-weights_manifest.json"] = "888f744dffbc84f5f060d1f8427d9742341943a2dfaaf9205d10029b7e7a2955",
        ["ssd_mobilenetv1_model.bin"] = "2835640602d53718aa6ae9a42896327eaa21beefed056c218d32ca7d79e1e2f8",
    };
}
