namespace GradingEngine.Expressions.Binding;

/// <summary>Walks a bound expression tree.</summary>
internal static class BoundTree
{
    /// <summary>The node and every node below it, parents before children (iterative: trees may be deep).</summary>
    public static IEnumerable<BoundExpression> Descendants(BoundExpression root)
    {
        var stack = new Stack<BoundExpression>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node))
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The direct sub-expressions of a node.</summary>
    public static IEnumerable<BoundExpression> Children(BoundExpression node)
    {
        switch (node)
        {
            case BoundUnary u:
                yield return u.Operand;
                break;
            case BoundBinary b:
                yield return b.Left;
                yield return b.Right;
                break;
            case BoundComparison c:
                yield return c.Left;
                yield return c.Right;
                break;
            case BoundIn i:
                yield return i.Value;
                foreach (var item in i.Items)
                {
                    yield return item;
                }

                break;
            case BoundBetween b:
                yield return b.Value;
                yield return b.Low;
                yield return b.High;
                break;
            case BoundConditional c:
                yield return c.Condition;
                yield return c.WhenTrue;
                yield return c.WhenFalse;
                break;
            case BoundCall call:
                foreach (var argument in call.Arguments)
                {
                    yield return argument;
                }

                break;
            case BoundAggregate a:
                yield return a.List;
                if (a.Body is not null)
                {
                    yield return a.Body;
                }

                break;
        }
    }
}
