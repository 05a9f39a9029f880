using BenchmarkDotNet.Running;
using Rapport.Benchmarks;

if (args is ["generate", ..])
{
    return GenerateCommand.Run(args[1..]);
}

if (args is ["classify", ..])
{
    return ClassifyCommand.Run(args[1..]);
}

if (args is ["load", ..])
{
    return await Rapport.Benchmarks.Load.LoadCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(ImportBenchmarks).Assembly).Run(args);
return 0;
