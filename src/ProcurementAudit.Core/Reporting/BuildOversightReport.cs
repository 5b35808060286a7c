using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Core.Risk;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// The oversight report's model for a conglomerate or an enterprise and a period: flagged procedures with their flags,
/// evidence and review status, headline figures, observer opinions and answers. A monitor's report holds only the
/// enterprises of their scope; a scope with none of them does not exist for them (404).
/// </summary>
public static class BuildOversightReport
{
    /// <param name="As">Render as this actor (a report job acts for its requester); null: the current actor.</param>
    public sealed record Query(ReportScopeKind ScopeKind, int ScopeId, DateOnly From, DateOnly To, ICurrentActor? As = null) : IRequest<OversightReportModel>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.ScopeKind).Must(k => k is ReportScopeKind.Conglomerate or ReportScopeKind.Enterprise)
                .WithMessage("An oversight report covers a conglomerate or an enterprise.");
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).WithMessage("The period must not end before it starts.");
        }
    }

    /// <summary>The enterprises of the scope the actor may read, and the scope's name; 404 when none.</summary>
    internal static async Task<(Organisation Scope, List<Organisation> Enterprises)> ResolveScopeAsync(AuditDbContext db, ICurrentActor actor,
        ReportScopeKind kind, int id, CancellationToken ct)
    {
        var orgKind = kind == ReportScopeKind.Conglomerate ? OrganisationKind.Conglomerate : OrganisationKind.Enterprise;
        var resource = kind == ReportScopeKind.Conglomerate ? "Conglomerate" : "Enterprise";
        var scope = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.Kind == orgKind, ct)
            ?? throw new NotFoundException(resource, id);
        var enterprises = kind == ReportScopeKind.Enterprise ? [scope]
            : await db.Organisations.AsNoTracking().Where(o => o.ParentId == id && o.Kind == OrganisationKind.Enterprise).OrderBy(o => o.Id).ToListAsync(ct);
        if (actor.ReadableEnterprises() is { } readable)
        {
            enterprises = [.. enterprises.Where(e => readable.Contains(e.Id))];
            if (enterprises.Count == 0) throw new NotFoundException(resource, id);
        }
        return (scope, enterprises);
    }

    internal sealed class Handler(AuditDbContext db, IndicatorCatalog catalog, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, OversightReportModel>
    {
        public async Task<OversightReportModel> Handle(Query q, CancellationToken ct)
        {
            var actor = q.As ?? current;
            var (scope, enterprises) = await ResolveScopeAsync(db, actor, q.ScopeKind, q.ScopeId, ct);
            var enterpriseIds = enterprises.Select(e => e.Id).ToList();
            var names = enterprises.ToDictionary(e => e.Id, e => e.Name);
            var from = q.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var until = q.To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

            // Cleared flags no longer hold; the report shows what stands (open) and what a person decided.
            var flags = await db.Flags.AsNoTracking()
                .Where(f => f.EnterpriseId != null && enterpriseIds.Contains(f.EnterpriseId.Value) && f.Status != FlagStatus.Cleared
                            && f.ProcedureDate >= from && f.ProcedureDate < until)
                .OrderBy(f => f.ProcedureKind).ThenBy(f => f.ProcedureId).ThenBy(f => f.Code).ThenBy(f => f.SubjectKey)
                .ToListAsync(ct);

            var tenderIds = Ids(flags, ProcedureKind.Tender);
            var auctionIds = Ids(flags, ProcedureKind.Auction);
            var competitionIds = Ids(flags, ProcedureKind.Competition);
            var tenders = await db.Tenders.AsNoTracking().Where(t => tenderIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Status, t.EstimatedValueMinor, t.Currency, Contracted = t.Contracts.Sum(c => c.ValueMinor) })
                .ToDictionaryAsync(t => t.Id, ct);
            var auctions = await db.LeaseAuctions.AsNoTracking().Where(a => auctionIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Status, a.StartingRentMinor, a.FinalRentMinor, a.Currency }).ToDictionaryAsync(a => a.Id, ct);
            var competitions = await db.Competitions.AsNoTracking().Where(c => competitionIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Status }).ToDictionaryAsync(c => c.Id, ct);

            var rows = new List<FlaggedProcedureRow>();
            long flaggedValue = 0;
            foreach (var group in flags.GroupBy(f => (f.ProcedureKind, f.ProcedureId, f.EnterpriseId)))
            {
                var (kind, id, enterpriseId) = group.Key;
                string stage = "—";
                MoneyAmount? value = null;
                switch (kind)
                {
                    case ProcedureKind.Tender when tenders.TryGetValue(id, out var t):
                        stage = ReportText.Stage(t.Status);
                        var minor = t.Contracted is > 0 ? t.Contracted : t.EstimatedValueMinor;
                        if (minor is { } m) { value = new MoneyAmount(m, t.Currency); flaggedValue += m; }
                        break;
                    case ProcedureKind.Auction when auctions.TryGetValue(id, out var a):
                        stage = ReportText.Stage(a.Status);
                        value = new MoneyAmount(a.FinalRentMinor ?? a.StartingRentMinor, a.Currency);
                        break;
                    case ProcedureKind.Competition when competitions.TryGetValue(id, out var c):
                        stage = ReportText.Stage(c.Status);
                        break;
                }
                var reference = id == 0 ? $"E-{enterpriseId}" : ReportText.ProcedureRef(kind, id);
                rows.Add(new FlaggedProcedureRow(reference, names.GetValueOrDefault(enterpriseId ?? 0, "—"), ReportText.Kind(kind), stage,
                    [.. group.Select(f => f.Code).Distinct()], value, ReviewOf(group)));
            }

            var byCode = flags.GroupBy(f => f.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FlagCodeSummary(g.Key, ReportText.IndicatorTitle(catalog, g.Key), g.Count(),
                    g.Count(f => f.Status == FlagStatus.Open), g.Count(f => f.Status == FlagStatus.Confirmed), g.Count(f => f.Status == FlagStatus.Dismissed)))
                .ToList();
            var byMonth = flags.Where(f => f.ProcedureDate is not null)
                .GroupBy(f => f.ProcedureDate!.Value.ToString("yyyy-MM", ReportText.Uk))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new MonthlyFlagCount(g.Key, g.Count(f => f.ProcedureKind == ProcedureKind.Tender),
                    g.Count(f => f.ProcedureKind == ProcedureKind.Auction), g.Count(f => f.ProcedureKind == ProcedureKind.Competition)))
                .ToList();

            var tendersInPeriod = await db.Tenders.AsNoTracking().CountAsync(t => t.EnterpriseId != null && enterpriseIds.Contains(t.EnterpriseId.Value)
                && (t.TenderPeriodStart ?? t.CreatedAt) >= from && (t.TenderPeriodStart ?? t.CreatedAt) < until, ct);
            var auctionsInPeriod = await db.LeaseAuctions.AsNoTracking().CountAsync(a => enterpriseIds.Contains(a.EnterpriseId) && a.AnnouncedAt >= from && a.AnnouncedAt < until, ct);
            var competitionsInPeriod = await db.Competitions.AsNoTracking().CountAsync(c => enterpriseIds.Contains(c.EnterpriseId)
                && (c.AnnouncedAt ?? c.CreatedAt) >= from && (c.AnnouncedAt ?? c.CreatedAt) < until, ct);

            var headlines = new List<LabeledValue>
            {
                new("Підприємств у звіті / Enterprises", Int(enterprises.Count)),
                new("Закупівель за період / Tenders in the period", Int(tendersInPeriod)),
                new("Аукціонів оренди / Lease auctions", Int(auctionsInPeriod)),
                new("Конкурсів на посади керівників / Director competitions", Int(competitionsInPeriod)),
                new("Процедур з прапорцями / Flagged procedures", Int(rows.Count)),
                new("Прапорців / Flags", Int(flags.Count)),
                new("Відкритих / Open", Int(flags.Count(f => f.Status == FlagStatus.Open))),
                new("Підтверджених / Confirmed", Int(flags.Count(f => f.Status == FlagStatus.Confirmed))),
                new("Відхилених / Dismissed", Int(flags.Count(f => f.Status == FlagStatus.Dismissed))),
                new("Вартість закупівель з прапорцями / Value of flagged tenders", Money.FromMinor(flaggedValue).ToString("N2", ReportText.Uk) + " UAH"),
            };

            // Opinions of observers on competitions of the scope filed in the period, and comments on the report's flags.
            var opinions = await db.ObserverOpinions.AsNoTracking()
                .Where(o => enterpriseIds.Contains(db.Competitions.Where(c => c.Id == o.CompetitionId).Select(c => c.EnterpriseId).First())
                            && o.FiledAt >= from && o.FiledAt < until)
                .OrderBy(o => o.FiledAt).ThenBy(o => o.Id)
                .Select(o => new { o.CompetitionId, Observer = db.CompetitionObservers.Where(x => x.Id == o.ObserverId).Select(x => x.OrganisationName).First(), o.FiledAt, o.Kind, o.Text, o.Answer, o.AnsweredAt })
                .ToListAsync(ct);
            var entries = opinions.Select(o => new OpinionEntry(ReportText.ProcedureRef(ProcedureKind.Competition, o.CompetitionId), o.Observer, ReportText.Utc(o.FiledAt),
                ReportText.Opinion(o.Kind), o.Text, o.Answer, o.AnsweredAt is { } at ? ReportText.Utc(at) : null, o.Answer is null ? null : "Організатор")).ToList();
            entries.AddRange(await ReportText.FlagCommentsAsync(db, [.. flags.Select(f => f.Id)],
                flags.ToDictionary(f => f.Id, f => ReportText.ProcedureRef(f.ProcedureKind, f.ProcedureId)), ct));

            var recommendations = byCode.Where(c => c.Open > 0)
                .Select(c => new Recommendation($"Переглянути відкриті прапорці {c.Code} ({c.Description}): {Int(c.Open)}.", "Відкрито", "Аудитор"))
                .ToList();

            return new OversightReportModel
            {
                ScopeName = scope.Name,
                ScopeKind = q.ScopeKind == ReportScopeKind.Conglomerate ? OversightScopeKind.Conglomerate : OversightScopeKind.Enterprise,
                Period = new ReportPeriod(q.From, q.To),
                GeneratedAt = clock.GetUtcNow(),
                DataAsOf = await ReportText.DataAsOfAsync(db, clock, ct),
                RequestedBy = ReportText.Requester(actor),
                Headlines = headlines,
                FlagsByCode = byCode,
                FlagsByMonth = byMonth,
                FlaggedProcedures = rows,
                Evidence = [.. flags.Select(ReportText.ToEvidence)],
                Opinions = entries,
                Recommendations = recommendations,
                MethodAndSources = MethodText(enterprises.Count, actor),
            };
        }

        private static List<int> Ids(List<Flag> flags, ProcedureKind kind) =>
            [.. flags.Where(f => f.ProcedureKind == kind && f.ProcedureId != 0).Select(f => f.ProcedureId).Distinct()];

        private static string ReviewOf(IEnumerable<Flag> flags)
        {
            var list = flags.ToList();
            if (list.All(f => f.Status == FlagStatus.Open)) return ReportText.Review(FlagStatus.Open);
            if (list.All(f => f.Status != FlagStatus.Open)) return list.Any(f => f.Status == FlagStatus.Confirmed) ? ReportText.Review(FlagStatus.Confirmed) : ReportText.Review(FlagStatus.Dismissed);
            return "Частково переглянуто";
        }

        private static string Int(int value) => value.ToString("N0", ReportText.Uk);

        private static string MethodText(int enterprises, ICurrentActor actor) =>
            "Дані: процедури закупівель, аукціони оренди майна та конкурси на посади керівників, зареєстровані в сервісі ProcurementAudit " +
            "(імпорт OCDS і введення уповноваженими особами), а також прапорці ризику, які автоматично обчислюють індикатори каталогу " +
            "за налаштованими порогами. До звіту входять прапорці процедур, дата яких припадає на період звіту, крім знятих (умова більше не виконується). " +
            $"Охоплено підприємств: {enterprises}." +
            (actor.ReadableEnterprises() is null ? "" : " Звіт обмежено підприємствами, до яких має доступ замовник звіту.");
    }
}
