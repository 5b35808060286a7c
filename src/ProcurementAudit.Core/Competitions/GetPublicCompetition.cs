using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// What anyone may see of an announced competition: the post, window, criteria, counts, commission composition
/// and observers; once the result is published, the winner and the finalists who consented to publication.
/// No other personal data. A draft is not public (404).
/// </summary>
public static class GetPublicCompetition
{
    public sealed record Query(int CompetitionId) : IRequest<PublicView>;

    public sealed record PublicView(int Id, string EnterpriseName, string Post, CompetitionStatus Status, DateTime? AnnouncedAt, DateTime? ApplicationDeadline,
        DateTime? PlannedDecisionDate, int CriteriaVersion, bool CriteriaChangedAfterAnnouncement, IReadOnlyList<CriterionView> Criteria,
        int Applicants, int Eligible, int Finalists, IReadOnlyList<string> Commission, IReadOnlyList<ObserverView> Observers, OpinionCounts Opinions,
        PublicResult? Result);

    public sealed record CriterionView(string Name, decimal Weight, int MaxScore);

    public sealed record ObserverView(string OrganisationName, ObserverKind Kind);

    public sealed record OpinionCounts(int Support, int Concern, int Objection, int Answered);

    public sealed record PublicResult(DateTime PublishedAt, string AppointingBody, DateTime DecidedAt, string WinnerName, bool DepartedFromRanking,
        string? DepartureReason, IReadOnlyList<PublicFinalist> Finalists, int FinalistsNotNamed);

    public sealed record PublicFinalist(string FullName, int? Rank, decimal? WeightedScore, bool Winner);

    internal sealed class Handler(AuditDbContext db) : IRequestHandler<Query, PublicView>
    {
        public async Task<PublicView> Handle(Query request, CancellationToken cancellationToken)
        {
            var competition = await db.Competitions.AsNoTracking().Include(c => c.Enterprise).Include(c => c.Decision)
                .SingleOrDefaultAsync(c => c.Id == request.CompetitionId && c.Status != CompetitionStatus.Draft, cancellationToken)
                ?? throw new NotFoundException("Competition", request.CompetitionId);
            var criteria = await CompetitionRanking.CurrentCriteriaAsync(db, competition, cancellationToken);
            var candidates = await db.Candidates.AsNoTracking().Where(c => c.CompetitionId == competition.Id)
                .Select(c => new { c.Id, c.FullName, c.Eligibility, c.Shortlisted, c.ConsentToPublish }).ToListAsync(cancellationToken);
            var commission = await db.CommissionMembers.AsNoTracking().Where(m => m.CompetitionId == competition.Id).OrderBy(m => m.Id)
                .Select(m => m.FullName).ToListAsync(cancellationToken);
            var observers = await db.CompetitionObservers.AsNoTracking().Where(o => o.CompetitionId == competition.Id).OrderBy(o => o.Id)
                .Select(o => new ObserverView(o.OrganisationName, o.Kind)).ToListAsync(cancellationToken);
            var opinions = await db.ObserverOpinions.AsNoTracking().Where(o => o.CompetitionId == competition.Id)
                .Select(o => new { o.Kind, Answered = o.AnsweredAt != null }).ToListAsync(cancellationToken);

            PublicResult? result = null;
            if (competition is { Status: CompetitionStatus.Published, PublishedAt: { } publishedAt, Decision: { } decision })
            {
                var ranking = await CompetitionRanking.ForCompetitionAsync(db, competition, cancellationToken);
                var winner = candidates.Single(c => c.Id == decision.AppointedCandidateId);
                // The winner takes a public office and is always named; other finalists only with their consent.
                var named = candidates.Where(c => c.Id == winner.Id || (c.Shortlisted && c.ConsentToPublish)).ToList();
                var finalists = named.Select(c =>
                {
                    var place = ranking.FirstOrDefault(r => r.CandidateId == c.Id);
                    return new PublicFinalist(c.FullName, place?.Rank, place?.WeightedScore, c.Id == winner.Id);
                }).OrderBy(f => f.Rank ?? int.MaxValue).ThenBy(f => f.FullName, StringComparer.Ordinal).ToList();
                var notNamed = candidates.Count(c => c.Shortlisted && !c.ConsentToPublish && c.Id != winner.Id);
                result = new PublicResult(publishedAt, decision.AppointingBody, decision.DecidedAt, winner.FullName,
                    ranking.Count > 0 && !ranking.Any(r => r.Rank == 1 && r.CandidateId == winner.Id),
                    decision.DepartureReason, finalists, notNamed);
            }

            return new PublicView(competition.Id, competition.Enterprise!.Name, competition.Post, competition.Status, competition.AnnouncedAt,
                competition.ApplicationDeadline, competition.PlannedDecisionDate, competition.CriteriaVersion,
                competition.AnnouncedCriteriaVersion is { } announced && competition.CriteriaVersion > announced,
                criteria.Select(c => new CriterionView(c.Name, c.Weight, c.MaxScore)).ToList(),
                candidates.Count, candidates.Count(c => c.Eligibility == EligibilityDecision.Eligible), candidates.Count(c => c.Shortlisted),
                commission, observers,
                new OpinionCounts(opinions.Count(o => o.Kind == OpinionKind.Support), opinions.Count(o => o.Kind == OpinionKind.Concern),
                    opinions.Count(o => o.Kind == OpinionKind.Objection), opinions.Count(o => o.Answered)),
                result);
        }
    }
}
