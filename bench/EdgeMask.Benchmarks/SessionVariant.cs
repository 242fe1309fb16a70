namespace EdgeMask.Benchmarks;

/// <summary>How an ONNX Runtime session over the classifier model is set up.</summary>
public enum SessionVariant
{
    /// <summary>No graph optimisation, 1 intra-op thread.</summary>
    Disabled,

    /// <summary>Basic optimisations (constant folding, redundant node removal), 1 intra-op thread.</summary>
    Basic,

    /// <summary>Extended optimisations (node fusions, QDQ fusions), 1 intra-op thread.</summary>
    Extended,

    /// <summary>All optimisations (adds layout transforms), 1 intra-op thread: the daemon's default.</summary>
    All,

    /// <summary>All optimisations with ONNX Runtime's default intra-op threads (one per core).</summary>
    AllDefaultThreads,

    /// <summary>A model file saved after All optimisations (SessionOptions.OptimizedModelFilePath), loaded with optimisation disabled.</summary>
    PreOptimizedAll,

    /// <summary>A model file saved after Extended optimisations, loaded with optimisation disabled.</summary>
    PreOptimizedExtended,
}
