using BenchmarkDotNet.Running;
using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;
using GradingEngine.Benchmarks.Province;

namespace GradingEngine.Benchmarks;

/// <summary>
/// Runs the benchmarks (see benchmarks/README.md):
/// <c>dotnet run -c Release --project benchmarks/GradingEngine.Benchmarks -- --filter '*'</c> for BenchmarkDotNet,
/// <c>-- province [--orgs 3000,30000,300000] [--runs 3] [--threads 1,2]</c> for whole provinces from files to outputs,
/// <c>-- stages --data &lt;folder&gt;</c> for where a province run's time goes, stage by stage (wall and CPU),
/// <c>-- cold --data &lt;folder&gt;</c> for the <c>grading</c> tool run on a province as users run it, whole processes timed from outside,
/// <c>-- report [--orgs 3000,30000,300000] [--runs 3] [--store sqlite|Host=…] [--grade-cost]</c> for the HTML report from the store and from the files,
/// <c>-- paired [rounds]</c> for the public paths of a whole organisation beside the hand-written code in interleaved rounds,
/// <c>-- quick</c> for a developer's check in under three minutes,
/// <c>-- verify-fluent</c> (or <c>--verify-fluent</c>) to check the hand-written NRules rules for member-wudai equal to the engine.
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

        if (args is ["stages", ..])
        {
            StageRunner.Run(args[1..]);
            return;
        }

        if (args is ["cold", ..])
        {
            ColdRunner.Run(args[1..]);
            return;
        }

        if (args is ["report", ..])
        {
            ReportRunner.Run(args[1..]);
            return;
        }

        if (args is ["verify-fluent" or "--verify-fluent", ..])
        {
            Environment.ExitCode = MemberWudaiVerification.Run(Console.Out);
            return;
        }

        if (args is ["paired", ..])
        {
            OrganisationPublicPathPaired.Run(Console.Out, args is [_, var rounds, ..] ? int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture) : 30);
            return;
        }

        if (args is ["quick", ..])
        {
            // A developer's check in under three minutes: the engine beside the hand-written baseline, compile times,
            // one subject of each kind, then 1/100 and 1/10 of a province once each on 1 thread and on every core.
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(
                ["--filter", "*OrganisationBaseline*", "*ShippedSchemeCompile*", "*ShippedSchemeGrade*", "--job", "short", "--inProcess", .. args[1..]]);
            ProvinceRunner.Run(["--orgs", "3000,30000", "--runs", "1"]);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
