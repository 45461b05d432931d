using BenchmarkDotNet.Running;
using GradingEngine.Benchmarks.Province;

namespace GradingEngine.Benchmarks;

/// <summary>
/// Runs the benchmarks (see benchmarks/README.md):
/// <c>dotnet run -c Release --project benchmarks/GradingEngine.Benchmarks -- --filter '*'</c> for BenchmarkDotNet,
/// <c>-- province [--orgs 3000,30000,300000] [--runs 3]</c> for whole provinces from files to outputs.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["province", ..])
        {
            ProvinceRunner.Run(args[1..]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
