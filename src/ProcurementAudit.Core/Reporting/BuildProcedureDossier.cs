using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Reports.Models;

namespace ProcurementAudit.Core.Reporting;

/// <summary>
/// One procedure end to end for its dossier: facts, timeline, bids or scores, flags, observations and an extract of the
/// audit trail. Out of the actor's scope the procedure does not exist (404). Candidates' names appear only for those
/// who may see personal data (auditors, declared commission members, accredited observers); others read labels.
/// Sealed tender bids show no amount before the deadline.
/// </summary>
public static class BuildProcedureDossier
{
    public const int AuditTrailLimit = 200;

    public sealed record Query(ProcedureKind Kind, int ProcedureId, ICurrentActor? As = null) : IRequest<ProcedureDossierModel>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.ProcedureId).GreaterThan(0);
    }

    internal sealed class Handler(AuditDbContext db, ICurrentActor current, TimeProvider clock) : IRequestHandler<Query, ProcedureDossierModel>
    {
        public async Task<ProcedureDossierModel> Handle(Query q, CancellationToken ct)
        {
            var actor = q.As ?? current;
            var model = q.Kind switch
            {
                ProcedureKind.Tender => await TenderAsync(actor, q.ProcedureId, ct),
                ProcedureKind.Auction => await AuctionAsync(actor, q.ProcedureId, ct),
                _ => await CompetitionAsync(actor, q.ProcedureId, ct),
            };
            var flags = await db.Flags.AsNoTracking()
                .Where(f => f.ProcedureKind == q.Kind && f.ProcedureId == q.ProcedureId && f.Status != FlagStatus.Cleared)
                .OrderBy(f => f.Code).ThenBy(f => f.SubjectKey).ToListAsync(ct);
            var observations = model.Observations.ToList();
            observations.AddRange(await ReportText.FlagCommentsAsync(db, [.. flags.Select(f => f.Id)], flags.ToDictionary(f => f.Id, f => ReportText.ProcedureRef(f.ProcedureKind, f.ProcedureId)), ct));
            return model with
            {
                GeneratedAt = clock.GetUtcNow(),
                DataAsOf = await ReportText.DataAsOfAsync(db, clock, ct),
                RequestedBy = ReportText.Requester(actor),
                Flags = [.. flags.Select(ReportText.ToEvidence)],
                Observations = [.. observations.OrderBy(o => o.At)],
                AuditTrail = await TrailAsync(q.Kind, q.ProcedureId, ct),
            };
        }

        private async Task<ProcedureDossierModel> TenderAsync(ICurrentActor actor, int id, CancellationToken ct)
        {
            var t = await db.Tenders.AsNoTracking().AsSplitQuery().Include(x => x.Enterprise)
                .Include(x => x.Bids).ThenInclude(b => b.Tenderer).Include(x => x.Awards).ThenInclude(a => a.Supplier)
                .Include(x => x.Contracts).ThenInclude(c => c.Amendments).Include(x => x.Items)
                .SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Tender", id);
            actor.EnsureCanRead(t.EnterpriseId, "Tender", id);
            var now = clock.GetUtcNow().UtcDateTime;
            var sealedBids = t.TenderPeriodEnd is { } end && end > now;
            var timeline = new List<TimelineEntry> { new(ReportText.Utc(t.CreatedAt), "Створено в сервісі", t.CreatedBy) };
            if (t.TenderPeriodStart is { } s) timeline.Add(new(ReportText.Utc(s), "Початок подання пропозицій"));
            if (t.TenderPeriodEnd is { } e) timeline.Add(new(ReportText.Utc(e), "Кінцевий строк подання пропозицій"));
            timeline.AddRange(t.Bids.Where(b => b.SubmittedAt is not null).Select(b => new TimelineEntry(ReportText.Utc(b.SubmittedAt!.Value), "Пропозиція", b.Tenderer?.Name)));
            timeline.AddRange(t.Awards.Where(a => a.Date is not null).Select(a => new TimelineEntry(ReportText.Utc(a.Date!.Value), "Рішення про переможця", a.Supplier?.Name)));
            foreach (var c in t.Contracts)
            {
                if (c.SignedAt is { } signed) timeline.Add(new(ReportText.Utc(signed), "Договір підписано", $"№ {c.ContractNumber}, {(c.ValueMinor is { } cv ? Amount(cv, c.Currency) : "—")}"));
                timeline.AddRange(c.Amendments.Select(a => new TimelineEntry(ReportText.Utc(a.Date), "Зміна договору",
                    a.NewValueMinor is { } v ? $"{a.Rationale}; нова ціна {Amount(v, c.Currency)}" : a.Rationale)));
            }
            if (t.CancelledAt is { } cancelled) timeline.Add(new(ReportText.Utc(cancelled), "Скасовано", t.CancellationReason));
            var facts = new List<LabeledValue>
            {
                new("Спосіб закупівлі / Method", t.Method.ToString() + (t.MethodDetails is { } d ? $" ({d})" : "")),
                new("Предмет / Category", t.Category.ToString()),
                new("Очікувана вартість / Estimated value", t.EstimatedValueMinor is { } v ? Amount(v, t.Currency) : "—"),
                new("Статус / Status", ReportText.Stage(t.Status)),
            };
            if (t.Ocid is { } ocid) facts.Add(new("OCID", ocid));
            if (t.Items.FirstOrDefault(i => i.CpvCode is not null)?.CpvCode is { } cpv) facts.Add(new("CPV", cpv));
            return new ProcedureDossierModel
            {
                ProcedureId = ReportText.ProcedureRef(ProcedureKind.Tender, t.Id), Kind = DossierProcedureKind.Tender, Title = t.Title,
                Enterprise = t.Enterprise?.Name ?? "—", Stage = ReportText.Stage(t.Status), GeneratedAt = default, DataAsOf = default,
                Facts = facts,
                Timeline = [.. timeline.OrderBy(x => x.At)],
                Bids = [.. t.Bids.OrderBy(b => b.SubmittedAt).ThenBy(b => b.Id).Select(b => new BidRow(b.Tenderer?.Name ?? $"#{b.TendererPartyId}",
                    sealedBids || b.AmountMinor is null ? null : new MoneyAmount(b.AmountMinor.Value, b.Currency),
                    b.SubmittedAt is { } at ? ReportText.Utc(at) : null, b.Status.ToString(), sealedBids ? "запечатано до кінцевого строку" : b.StatusReason))],
            };
        }

        private async Task<ProcedureDossierModel> AuctionAsync(ICurrentActor actor, int id, CancellationToken ct)
        {
            var a = await db.LeaseAuctions.AsNoTracking().AsSplitQuery().Include(x => x.Enterprise).Include(x => x.Asset)
                .Include(x => x.Participants).ThenInclude(p => p.Party).Include(x => x.Bids).Include(x => x.LeaseContract)
                .SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Auction", id);
            actor.EnsureCanRead(a.EnterpriseId, "Auction", id);
            var bidder = a.Participants.ToDictionary(p => p.Id, p => p.Party?.Name ?? $"#{p.PartyId}");
            var timeline = new List<TimelineEntry>
            {
                new(ReportText.Utc(a.AnnouncedAt), "Оголошено", $"спроба {a.AttemptNumber}"),
                new(ReportText.Utc(a.BidDeadline), "Кінцевий строк ставок"),
            };
            timeline.AddRange(a.Participants.Select(p => new TimelineEntry(ReportText.Utc(p.RegisteredAt), "Учасник зареєстрований", bidder[p.Id])));
            if (a.ClosedAt is { } closed) timeline.Add(new(ReportText.Utc(closed), a.Status == AuctionStatus.Failed ? "Не відбувся" : "Результат", a.FailureReason));
            if (a.RefusedAt is { } refused) timeline.Add(new(ReportText.Utc(refused), "Відмова переможця від договору"));
            if (a.LeaseContract is { } lc) timeline.Add(new(ReportText.Utc(lc.SignedAt), "Договір оренди", $"{Amount(lc.MonthlyRentMinor, lc.Currency)}/міс., {lc.TermMonths} міс."));
            var facts = new List<LabeledValue>
            {
                new("Об'єкт / Asset", a.Asset is { } asset ? $"{asset.Description}, {asset.AreaSquareMetres:0.##} м², {asset.Address}" : "—"),
                new("Оціночна вартість / Appraised value", a.Asset is { } x ? Amount(x.AppraisedValueMinor, x.Currency) : "—"),
                new("Спосіб / Method", a.Method.ToString()),
                new("Стартова орендна плата / Starting rent", Amount(a.StartingRentMinor, a.Currency)),
                new("Крок / Minimum step", Amount(a.MinimumStepMinor, a.Currency)),
                new("Підсумкова плата / Final rent", a.FinalRentMinor is { } f ? Amount(f, a.Currency) : "—"),
            };
            return new ProcedureDossierModel
            {
                ProcedureId = ReportText.ProcedureRef(ProcedureKind.Auction, a.Id), Kind = DossierProcedureKind.Auction,
                Title = a.Asset?.Description ?? $"Аукціон {a.Id}", Enterprise = a.Enterprise?.Name ?? "—", Stage = ReportText.Stage(a.Status),
                GeneratedAt = default, DataAsOf = default, Facts = facts, Timeline = [.. timeline.OrderBy(t => t.At)],
                Bids = [.. a.Bids.OrderBy(b => b.PlacedAt).ThenBy(b => b.Id).Select(b => new BidRow(bidder.GetValueOrDefault(b.ParticipantId, "—"),
                    new MoneyAmount(b.AmountMinor, a.Currency), ReportText.Utc(b.PlacedAt), b.ParticipantId == a.WinnerParticipantId ? "Переможець" : "Ставка"))],
            };
        }

        private async Task<ProcedureDossierModel> CompetitionAsync(ICurrentActor actor, int id, CancellationToken ct)
        {
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, id, ct);
            var c = await db.Competitions.AsNoTracking().AsSplitQuery().Include(x => x.Enterprise).Include(x => x.Candidates)
                .Include(x => x.Meetings).Include(x => x.Decision).Include(x => x.Opinions).Include(x => x.Observers)
                .SingleAsync(x => x.Id == id, ct);
            var criteria = await CompetitionRanking.CurrentCriteriaAsync(db, c, ct);
            var scores = await db.CandidateScores.AsNoTracking().Where(s => s.CompetitionId == id).ToListAsync(ct);
            var ranking = await CompetitionRanking.ForCompetitionAsync(db, c, ct);
            var labels = CandidateLabels(c.Candidates, viewer.SeesPersonalData);
            var rows = c.Candidates.Where(x => x.Eligibility != EligibilityDecision.Ineligible).OrderBy(x => x.Id).Select(x =>
            {
                var mine = scores.Where(s => s.CandidateId == x.Id).ToList();
                var rank = ranking.FirstOrDefault(r => r.CandidateId == x.Id);
                return new ScoreRow(labels[x.Id],
                    [.. criteria.Select(k => Average(mine.Where(s => s.CriterionId == k.Id)))],
                    rank is null ? null : Math.Round(rank.WeightedScore, 2), rank?.Rank,
                    c.Decision?.AppointedCandidateId == x.Id ? "Призначено" : null);
            }).ToList();
            var timeline = new List<TimelineEntry> { new(ReportText.Utc(c.CreatedAt), "Створено", c.CreatedBy) };
            if (c.AnnouncedAt is { } announced) timeline.Add(new(ReportText.Utc(announced), "Оголошено"));
            if (c.ApplicationDeadline is { } deadline) timeline.Add(new(ReportText.Utc(deadline), "Кінцевий строк заяв"));
            timeline.AddRange(c.Meetings.Select(m => new TimelineEntry(ReportText.Utc(m.ScheduledAt), "Засідання комісії", m.Agenda)));
            if (c.Decision is { } decision)
            {
                timeline.Add(new(ReportText.Utc(decision.DecidedAt), "Рішення", $"{decision.AppointingBody}: {labels.GetValueOrDefault(decision.AppointedCandidateId, "—")}"));
                if (decision.AppointeeDismissedAt is { } dismissed) timeline.Add(new(ReportText.Utc(dismissed), "Звільнення призначеного"));
            }
            if (c.PublishedAt is { } published) timeline.Add(new(ReportText.Utc(published), "Результати опубліковано"));
            var observers = c.Observers.ToDictionary(o => o.Id, o => o.OrganisationName);
            return new ProcedureDossierModel
            {
                ProcedureId = ReportText.ProcedureRef(ProcedureKind.Competition, c.Id), Kind = DossierProcedureKind.Competition,
                Title = c.Post, Enterprise = c.Enterprise?.Name ?? "—", Stage = ReportText.Stage(c.Status), GeneratedAt = default, DataAsOf = default,
                Facts =
                [
                    new("Посада / Post", c.Post),
                    new("Кандидатів / Candidates", c.Candidates.Count.ToString(ReportText.Uk)),
                    new("Версія критеріїв / Criteria version", c.CriteriaVersion.ToString(ReportText.Uk) + (c.AnnouncedCriteriaVersion is { } v && v != c.CriteriaVersion ? $" (оголошено {v})" : "")),
                    new("Персональні дані / Personal data", viewer.SeesPersonalData ? "показано" : "приховано (роль замовника)"),
                ],
                Timeline = [.. timeline.OrderBy(t => t.At)],
                Scores = new ScoreSheet([.. criteria.Select(k => $"{k.Name} ({k.Weight:0.##}%)")], rows),
                Observations = [.. c.Opinions.OrderBy(o => o.FiledAt).Select(o => new OpinionEntry(ReportText.ProcedureRef(ProcedureKind.Competition, c.Id),
                    observers.GetValueOrDefault(o.ObserverId, "—"), ReportText.Utc(o.FiledAt), ReportText.Opinion(o.Kind), o.Text, o.Answer,
                    o.AnsweredAt is { } at ? ReportText.Utc(at) : null, o.Answer is null ? null : "Організатор"))],
            };
        }

        private async Task<IReadOnlyList<AuditTrailEntry>> TrailAsync(ProcedureKind kind, int id, CancellationToken ct)
        {
            var type = kind switch { ProcedureKind.Tender => nameof(Tender), ProcedureKind.Auction => nameof(LeaseAuction), _ => nameof(Competition) };
            var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var entries = await db.AuditTrail.AsNoTracking().Where(e => e.EntityType == type && e.EntityId == key)
                .OrderByDescending(e => e.Sequence).Take(AuditTrailLimit).ToListAsync(ct);
            return [.. entries.OrderBy(e => e.Sequence).Select(e => new AuditTrailEntry(ReportText.Utc(e.At), e.Actor, $"{e.Action} ({e.Change})",
                e.ChangesJson.Length > 300 ? e.ChangesJson[..300] + "…" : e.ChangesJson))];
        }

        private static decimal? Average(IEnumerable<CandidateScore> scores)
        {
            var list = scores.Select(s => (decimal)s.Value).ToList();
            return list.Count == 0 ? null : Math.Round(list.Average(), 2);
        }

        private static string Amount(long minor, string currency) => Money.FromMinor(minor).ToString("N2", ReportText.Uk) + " " + currency;
    }

    /// <summary>Names for those who may see personal data, otherwise "Кандидат N" in application order.</summary>
    internal static Dictionary<int, string> CandidateLabels(IEnumerable<Candidate> candidates, bool personal) =>
        candidates.OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).Select((c, i) => (c.Id, Label: personal ? c.FullName : $"Кандидат {i + 1}"))
            .ToDictionary(x => x.Id, x => x.Label);
}
