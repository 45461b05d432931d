using System.Reflection;
using System.Text;
using GradingEngine.Grading;
using GradingEngine.NRules;
using GradingEngine.Tests.Golden;
using PublicApiGenerator;

namespace GradingEngine.Tests.PublicApi;

/// <summary>
/// The public API of each package, approved: <c>tests/GradingEngine.Tests/PublicApi/&lt;assembly&gt;.approved.txt</c>.
/// A change of the public API fails here with a diff; to approve it, copy the <c>.received.txt</c> file written beside
/// the approved one over it, or run the tests with <c>GRADINGENGINE_APPROVE_API=1</c>, and commit the approved file.
/// </summary>
public class PublicApiTests
{
    /// <summary>Set to 1 to write the received API over the approved file instead of failing.</summary>
    public const string ApproveVariable = "GRADINGENGINE_APPROVE_API";

    private static readonly ApiGeneratorOptions Options = new()
    {
        // [InternalsVisibleTo], [TargetFramework], repository metadata: not API.
        IncludeAssemblyAttributes = false,
        TreatRecordsAsClasses = false,
        // Compiler-generated state machines are named by position: not API, and they would churn on every new member.
        ExcludeAttributes =
        [
            "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
            "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        ],
    };

    private static IEnumerable<TestCaseData> Packages()
    {
        yield return new TestCaseData(typeof(SchemeCatalogue).Assembly).SetArgDisplayNames("GradingEngine");
        yield return new TestCaseData(typeof(NRulesBackEnd).Assembly).SetArgDisplayNames("GradingEngine.NRules");
        yield return new TestCaseData(typeof(GradingEngine.Batch.ProvinceGrader).Assembly).SetArgDisplayNames("GradingEngine.Batch");
        yield return new TestCaseData(typeof(GradingEngine.Store.ResultStore).Assembly).SetArgDisplayNames("GradingEngine.Store");
    }

    [TestCaseSource(nameof(Packages))]
    public void PublicApi_IsTheApprovedOne(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var folder = Path.Combine(GoldenCases.RepositoryRoot, "tests", "GradingEngine.Tests", "PublicApi");
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var received = Normalise(assembly.GeneratePublicApi(Options));
        var approved = File.Exists(approvedPath) ? Normalise(File.ReadAllText(approvedPath)) : string.Empty;

        if (received == approved)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.WriteAllText(approvedPath, received, new UTF8Encoding(false));
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, new UTF8Encoding(false));
        Assert.Fail($"""
            The public API of {name} changed ('-' approved, '+' now):

            {LineDiff.Unified(approved, received)}
            If the change is meant, approve it: copy
              {receivedPath}
            over
              {approvedPath}
            (or run the tests with {ApproveVariable}=1), and commit the approved file with the change.
            """);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
}

/// <summary>A small line diff for failure messages: changed lines with two lines of context, like <c>diff -u</c>.</summary>
internal static class LineDiff
{
    public static string Unified(string before, string after, int context = 2)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var ops = Diff(a, b);
        var text = new StringBuilder();
        var changed = ops.Select((op, i) => (op, i)).Where(x => x.op.Kind != ' ').Select(x => x.i).ToList();
        var shown = new HashSet<int>(changed.SelectMany(i => Enumerable.Range(i - context, 2 * context + 1)).Where(i => i >= 0 && i < ops.Count));
        for (var i = 0; i < ops.Count; i++)
        {
            if (!shown.Contains(i))
            {
                continue;
            }

            if (i > 0 && !shown.Contains(i - 1))
            {
                text.Append("@@\n");
            }

            text.Append(ops[i].Kind).Append(' ').Append(ops[i].Line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Longest common subsequence of the lines between the common head and tail.</summary>
    private static List<(char Kind, string Line)> Diff(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[head + i] == b[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var ops = a.Take(head).Select(l => (' ', l)).ToList();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[head + x] == b[head + y])
            {
                ops.Add((' ', a[head + x]));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                ops.Add(('-', a[head + x]));
                x++;
            }
            else
            {
                ops.Add(('+', b[head + y]));
                y++;
            }
        }

        ops.AddRange(a.Skip(a.Length - tail).Select(l => (' ', l)));
        return ops;
    }
}
