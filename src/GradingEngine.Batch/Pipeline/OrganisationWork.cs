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

internal sealed class OrgWorker
{
    public OrgWorker(SchemeEngine engine, RowBinder binder, int regions)
    {
        Evaluator = engine.CreateEvaluator();
        Scratch = binder.NewScratch();
        Region = new string[regions];
        var size = Math.Max(1, Evaluator.PreferredBatch);
        var members = engine.Model.Inputs.First(i => i.Type == Schemes.InputType.List && i.Linked is not null).ChildLayout!;
        Frames = new FactFrame[size];
        Members = new MemberPool[size];
        for (var i = 0; i < size; i++)
        {
            Frames[i] = engine.Model.Layout.NewFrame();
            Members[i] = new MemberPool(members);
        }

        Rows = new int[size];
    }

    public readonly FrameEvaluator Evaluator;
    public readonly RowBinder.Scratch Scratch;
    public readonly List<CellProblem> Problems = [];
    public readonly string[] Region;

    /// <summary>Frames for organisations graded together: as many as the evaluator takes at once.</summary>
    public readonly FactFrame[] Frames;

    /// <summary>The members' frames of each of <see cref="Frames"/>.</summary>
    public readonly MemberPool[] Members;

    /// <summary>The block's row bound into each of <see cref="Frames"/>.</summary>
    public readonly int[] Rows;
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
