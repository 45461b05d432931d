using GradingEngine.BackEnds;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Pipeline;

/// <summary>Member frames reused for every organisation a worker grades; arrays per length, so nothing is allocated per organisation.</summary>
internal sealed class MemberPool(FactLayout layout)
{
    private readonly List<FactFrame> _frames = [];
    private readonly Dictionary<int, FactFrame[]> _arrays = [];

    public FactFrame[] Frames(int count)
    {
        if (count == 0)
        {
            return [];
        }

        while (_frames.Count < count)
        {
            _frames.Add(layout.NewFrame());
        }

        if (!_arrays.TryGetValue(count, out var array))
        {
            _arrays[count] = array = _frames.GetRange(0, count).ToArray();
        }

        return array;
    }
}

internal sealed class OrgWorker(SchemeEngine engine, RowBinder binder, int regions)
{
    public readonly FactFrame Frame = engine.Model.Layout.NewFrame();
    public readonly FrameEvaluator Evaluator = engine.CreateEvaluator();
    public readonly RowBinder.Scratch Scratch = binder.NewScratch();
    public readonly List<CellProblem> Problems = [];
    public readonly string[] Region = new string[regions];
    public readonly MemberPool Members = new(engine.Model.Inputs.First(i => i.Type == Schemes.InputType.List && i.Linked is not null).ChildLayout!);
}

internal sealed class OrgWork(RecordBlock block, IResultRows[] outputs)
{
    public readonly RecordBlock Block = block;
    public readonly IResultBlock[] Outputs = [.. outputs.Select(o => o.NewBlock())];
    public readonly List<(int Record, CellProblem Problem)> Problems = [];
    public int[] Ordinal = [];
    public byte[] State = []; // 0 skip, 1 graded, 2 rejected
    public bool[] Flags = [];
    public ColumnMap? Map;

    public void Prepare(int flags)
    {
        var n = Block.Count;
        if (State.Length < n)
        {
            Ordinal = new int[n];
            State = new byte[n];
            Flags = new bool[n * flags];
        }

        foreach (var output in Outputs)
        {
            output.Clear();
        }

        Problems.Clear();
    }
}
