using System.Text;
using BenchmarkDotNet.Attributes;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.BackEnds;
using GradingEngine.RuleModel;
using GradingEngine.Facts;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// Where one member row's time goes in a batch, on one thread: reading and splitting it, binding its 27 cells to
/// slots, running the member plan, formatting its result row. Each step includes the ones before; the differences are
/// the steps' own costs. 100,000 rows of the cached 1/10 province's members file, read from memory. Without
/// <see cref="MemberMeasures"/> (a run's default, <c>BatchOptions.MemberMeasures</c>) the plan builds no measure texts
/// and the row has no 措施 cell.
/// </summary>
[MemoryDiagnoser]
public class MemberRowBenchmarks
{
    private const int Rows = 100_000;
    private byte[] _file = null!;
    private CheckedScheme _plan = null!;
    private FrameEvaluator _evaluator = null!;
    private RowBinder _binder = null!;
    private RowBinder.Scratch _scratch = null!;
    private FactFrame _frame = null!;
    private ResultFormatter _formatter = null!;
    private readonly CharBuffer _row = new();
    private readonly List<CellProblem> _problems = [];

    /// <summary>Whether the members' measures are built and written (<c>--member-measures</c>).</summary>
    [Params(false, true)]
    public bool MemberMeasures { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(ProvinceData.Folder(30_000), "members.csv");
        var text = new StringBuilder();
        foreach (var line in File.ReadLines(path).Take(Rows + 1))
        {
            text.Append(line).Append('\n');
        }

        _file = Encoding.UTF8.GetBytes(text.ToString());
        _plan = ProvinceData.Schemes["member-wudai"].Model;
        _evaluator = ProvinceData.Schemes["member-wudai"].Evaluator;
        _binder = new RowBinder(_plan);
        _scratch = _binder.NewScratch();
        _frame = _plan.Layout.NewFrame();
        _formatter = new ResultFormatter(_plan, MemberMeasures);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "read + split")]
    public long Read() => Run(0);

    [Benchmark(OperationsPerInvoke = Rows, Description = "… + bind 27 cells")]
    public long Bind() => Run(1);

    [Benchmark(OperationsPerInvoke = Rows, Description = "… + member plan")]
    public long Plan() => Run(2);

    [Benchmark(OperationsPerInvoke = Rows, Description = "… + format the result row")]
    public long Format() => Run(3);

    private long Run(int steps)
    {
        using var reader = RecordFileReader.Open(new MemoryStream(_file), "members.csv", RecordFormat.Csv);
        var block = reader.NewBlock();
        long done = 0;
        while (reader.ReadBlock(block))
        {
            var map = ColumnMap.Build(_plan, block.Columns, FileConventions.Members);
            for (var r = 0; r < block.Count; r++)
            {
                done++;
                if (steps == 0)
                {
                    continue;
                }

                _problems.Clear();
                _binder.Bind(block, r, map, _frame, _scratch, _problems);
                if (steps == 1)
                {
                    continue;
                }

                _evaluator.Evaluate(_frame, withMessages: MemberMeasures);
                if (steps == 2)
                {
                    continue;
                }

                _row.Clear();
                _formatter.AppendCsv(_row, _frame);
            }
        }

        return done;
    }
}
