using BenchmarkDotNet.Running;
using EdgeMask.Benchmarks;

// Pick benchmarks with --filter, e.g. --filter '*FaceTensor*'; with no arguments BenchmarkDotNet asks which to run.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Create());
