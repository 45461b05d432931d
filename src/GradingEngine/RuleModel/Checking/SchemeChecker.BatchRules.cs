using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;
using GradingEngine.Schemes;

namespace GradingEngine.RuleModel;

internal sealed partial class SchemeChecker
{
    /// <summary>
    /// Checks the scheme's batch-level rules (名额 quotas and 末位 bottom rankings): the level a quota limits,
    /// and each ranking key, which must name a number of the scheme (总分, an item, a value or an input).
    /// </summary>
    private (List<QuotaPlan> Quotas, List<BottomRankingPlan> BottomRankings) CompileBatchRules(IReadOnlyList<LevelPlan> levels)
    {
        var quotas = new List<QuotaPlan>();
        var rankings = new List<BottomRankingPlan>();
        if (_scheme.BottomRankings.Count > 0 && _scheme.Subject != SubjectKind.Organisation)
        {
            Error(DiagnosticCodes.InvalidValue, _scheme.BottomRankings[0].Node,
                "末位排名只用于党组织方案：批量评定在评定党组织时按地区分组排名 (bottom rankings apply to organisation schemes only)");
        }

        if (_scheme.Quotas.Count > 0 && _scheme.Subject == SubjectKind.LeadershipTeam)
        {
            Error(DiagnosticCodes.InvalidValue, _scheme.Quotas[0].Node,
                "领导班子方案不能设名额：名额用于党组织方案（按地区）和党员方案（按党组织） (quotas apply to organisation schemes, by region, and member schemes, per organisation)");
        }

        foreach (var quota in _scheme.Quotas)
        {
            var perOrganisation = quota.Within == QuotaPlan.PerOrganisation;
            if (_scheme.Subject == SubjectKind.Member && !perOrganisation)
            {
                Error(DiagnosticCodes.InvalidValue, quota.WithinNode,
                    $"党员方案的名额按所在党组织计算：“within”应为“{QuotaPlan.PerOrganisation}”，不能是“{quota.Within}” (a member scheme's quota applies per organisation: within must be '{QuotaPlan.PerOrganisation}')");
            }
            else if (_scheme.Subject == SubjectKind.Organisation && perOrganisation)
            {
                Error(DiagnosticCodes.InvalidValue, quota.WithinNode,
                    $"党组织方案的名额按地区等列分组，不能按“{QuotaPlan.PerOrganisation}”：每组只有一个党组织 (an organisation scheme's quota groups by a region column, not by '{QuotaPlan.PerOrganisation}')");
            }
        }

        CheckUnique(_scheme.Quotas.Select(q => (q.Id, q.Node)), "名额");
        CheckUnique(_scheme.BottomRankings.Select(r => (r.Id, r.Node)), "末位排名");
        foreach (var quota in _scheme.Quotas)
        {
            var rankBy = RankKeys(quota.RankBy); // checked even when the level is wrong, so every problem is reported at once
            var ordinal = _levelType.OrdinalOf(quota.Level);
            if (ordinal < 0)
            {
                var suggestion = Suggestions.Closest(quota.Level, levels.Select(l => l.Id));
                Error(DiagnosticCodes.UnknownReference, quota.LevelNode,
                    $"名额限制的等级“{quota.Level}”未声明{(suggestion is null ? string.Empty : $"，是否应为“{suggestion}”？")} (unknown level '{quota.Level}')");
                continue;
            }

            if (ordinal == levels.Count - 1)
            {
                Error(DiagnosticCodes.InvalidValue, quota.LevelNode,
                    $"最低等级“{quota.Level}”不能设名额：超出名额的对象无处可降 (the lowest level cannot have a quota)");
                continue;
            }

            quotas.Add(new QuotaPlan
            {
                Id = quota.Id, Description = quota.Description, LevelOrdinal = ordinal, Within = quota.Within,
                Share = quota.Share, Rounding = quota.Rounding, RankBy = rankBy,
            });
        }

        foreach (var ranking in _scheme.BottomRankings)
        {
            rankings.Add(new BottomRankingPlan
            {
                Id = ranking.Id, Label = ranking.Label, Description = ranking.Description, Within = ranking.Within,
                Share = ranking.Share, Rounding = ranking.Rounding, RankBy = RankKeys(ranking.RankBy),
            });
        }

        return (quotas, rankings);
    }

    private List<RankKeyPlan> RankKeys(List<RankKeyDefinition> keys)
    {
        var plans = new List<RankKeyPlan>();
        foreach (var key in keys)
        {
            var errors = new List<ExpressionError>();
            var result = ExpressionChecker.Check(key.Name.Text, _scope, ExprType.Number, _limits, errors);
            Report(key.Name, errors);
            if (result is null || errors.Count > 0)
            {
                continue;
            }

            if (result.Bound is not BoundSymbol { FrameIndex: 0 } symbol || symbol.Symbol.Slot.Kind != Facts.StorageKind.Number)
            {
                Error(DiagnosticCodes.InvalidValue, key.Name.Node,
                    $"排名依据“{key.Name.Text}”应为一个数值的名称（总分、评分项、计算值或输入项），不能是表达式 (a ranking key must name one number, not an expression)");
                continue;
            }

            plans.Add(new RankKeyPlan(symbol.Symbol.Slot, key.Descending, symbol.Symbol.Name, symbol.Symbol.DisplayName));
        }

        return plans;
    }
}
