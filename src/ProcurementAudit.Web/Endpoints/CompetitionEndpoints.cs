using MediatR;
using ProcurementAudit.Core.Competitions;
using ProcurementAudit.Core.Domain;
using ProcurementAudit.Web.Security;

namespace ProcurementAudit.Web.Endpoints;

internal static class CompetitionEndpoints
{
    public static RouteGroupBuilder MapCompetitions(this RouteGroupBuilder group)
    {
        group.MapGet("/", (IMediator m, int? enterpriseId, CompetitionStatus? status, int? page, int? pageSize, CancellationToken ct) =>
            m.Send(new ListCompetitions.Query(enterpriseId, status, page ?? 1, pageSize ?? 50), ct));
        group.MapGet("/{id:int}", (IMediator m, int id, CancellationToken ct) => m.Send(new GetCompetition.Query(id), ct));
        group.MapPost("/", async (IMediator m, CreateCompetition.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command, ct);
            return Results.Created($"/api/competitions/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);

        group.MapPut("/{id:int}/criteria", (IMediator m, int id, CriteriaBody body, CancellationToken ct) => m.Send(new SetCriteria.Command(id, body.Criteria), ct))
            .WithSummary("Sets the criteria and weights: replaces them in draft, adds a new version after the announcement.")
            .RequireAuthorization(Policies.Officer);
        group.MapGet("/{id:int}/criteria/history", (IMediator m, int id, CancellationToken ct) => m.Send(new GetCriteriaHistory.Query(id), ct));
        group.MapPost("/{id:int}/announce", (IMediator m, int id, AnnounceBody? body, CancellationToken ct) =>
            m.Send(new AnnounceCompetition.Command(id, body?.ApplicationDeadline, body?.PlannedDecisionDate), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/candidates", (IMediator m, int id, CancellationToken ct) => m.Send(new ListCandidates.Query(id), ct))
            .WithSummary("Applications; personal data for the declared commission, accredited observers and auditors only.");
        group.MapPost("/{id:int}/candidates", async (IMediator m, int id, SubmitApplication.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command with { CompetitionId = id }, ct);
            return Results.Created($"/api/competitions/{id}/candidates/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/candidates/{candidateId:int}/eligibility", (IMediator m, int id, int candidateId, EligibilityBody body, CancellationToken ct) =>
            m.Send(new DecideEligibility.Command(id, candidateId, body.Decision, body.Reason), ct))
            .RequireAuthorization(Policies.Officer);
        group.MapPut("/{id:int}/shortlist", (IMediator m, int id, ShortlistBody body, CancellationToken ct) =>
            m.Send(new ShortlistCandidates.Command(id, body.CandidateIds), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/commission", (IMediator m, int id, CancellationToken ct) => m.Send(new ListCommission.Query(id), ct));
        group.MapPost("/{id:int}/commission", async (IMediator m, int id, AddCommissionMember.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command with { CompetitionId = id }, ct);
            return Results.Created($"/api/competitions/{id}/commission/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/commission/{memberId:int}/declaration", (IMediator m, int id, int memberId, DeclarationBody body, CancellationToken ct) =>
            m.Send(new FileDeclaration.Command(id, memberId, body.Statement, body.ConflictCandidateId), ct));
        group.MapPost("/{id:int}/commission/{memberId:int}/recusal", (IMediator m, int id, int memberId, ReasonBody body, CancellationToken ct) =>
            m.Send(new RecuseMember.Command(id, memberId, body.Reason), ct));

        group.MapGet("/{id:int}/scores", (IMediator m, int id, CancellationToken ct) => m.Send(new ListScores.Query(id), ct))
            .WithSummary("Blind scoring: a member sees the others' scores only after submitting all their own.");
        group.MapPost("/{id:int}/scores", (IMediator m, int id, ScoresBody body, CancellationToken ct) => m.Send(new SubmitScores.Command(id, body.Scores), ct))
            .WithSummary("The acting member's scores; a submitted score is immutable (409 on a second submission).");
        group.MapGet("/{id:int}/ranking", (IMediator m, int id, CancellationToken ct) => m.Send(new GetRanking.Query(id), ct));

        group.MapPost("/{id:int}/decision", (IMediator m, int id, RecordDecision.Command command, CancellationToken ct) => m.Send(command with { CompetitionId = id }, ct))
            .WithSummary("The appointing body's decision; a written departureReason is required when the appointee is not top-ranked.")
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/decision/dismissal", (IMediator m, int id, DismissalBody body, CancellationToken ct) =>
            m.Send(new RecordDismissal.Command(id, body.DismissedAt), ct))
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/publish", (IMediator m, int id, CancellationToken ct) => m.Send(new PublishResults.Command(id), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/appeals", (IMediator m, int id, CancellationToken ct) => m.Send(new ListAppeals.Query(id), ct));
        group.MapPost("/{id:int}/appeals", async (IMediator m, int id, FileAppeal.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command with { CompetitionId = id }, ct);
            return Results.Created($"/api/competitions/{id}/appeals/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/appeals/{appealId:int}/decision", (IMediator m, int id, int appealId, OutcomeBody body, CancellationToken ct) =>
            m.Send(new DecideAppeal.Command(id, appealId, body.Outcome), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/observers", (IMediator m, int id, CancellationToken ct) => m.Send(new ListObservers.Query(id), ct));
        group.MapPost("/{id:int}/observers", async (IMediator m, int id, AccreditObserver.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command with { CompetitionId = id }, ct);
            return Results.Created($"/api/competitions/{id}/observers/{created.Id}", created);
        });
        group.MapGet("/{id:int}/meetings", (IMediator m, int id, CancellationToken ct) => m.Send(new ListMeetings.Query(id), ct));
        group.MapPost("/{id:int}/meetings", async (IMediator m, int id, ScheduleMeeting.Command command, CancellationToken ct) =>
        {
            var created = await m.Send(command with { CompetitionId = id }, ct);
            return Results.Created($"/api/competitions/{id}/meetings/{created.Id}", created);
        })
            .RequireAuthorization(Policies.Officer);
        group.MapPost("/{id:int}/meetings/{meetingId:int}/attendance", (IMediator m, int id, int meetingId, AttendanceBody body, CancellationToken ct) =>
            m.Send(new RecordAttendance.Command(id, meetingId, body.Entries), ct))
            .RequireAuthorization(Policies.Officer);

        group.MapGet("/{id:int}/opinions", (IMediator m, int id, CancellationToken ct) => m.Send(new ListOpinions.Query(id), ct));
        group.MapPost("/{id:int}/opinions", async (IMediator m, int id, OpinionBody body, CancellationToken ct) =>
        {
            var created = await m.Send(new FileOpinion.Command(id, body.Kind, body.Text), ct);
            return Results.Created($"/api/competitions/{id}/opinions/{created.Id}", created);
        }).WithSummary("An accredited observer's opinion; the organiser must answer within the configured working days.");
        group.MapPost("/{id:int}/opinions/{opinionId:int}/answer", (IMediator m, int id, int opinionId, AnswerBody body, CancellationToken ct) =>
            m.Send(new AnswerOpinion.Command(id, opinionId, body.Answer), ct))
            .RequireAuthorization(Policies.Officer);
        return group;
    }

    internal sealed record CriteriaBody(IReadOnlyList<CreateCompetition.CriterionInput> Criteria);

    internal sealed record AnnounceBody(DateTime? ApplicationDeadline, DateTime? PlannedDecisionDate);

    internal sealed record EligibilityBody(EligibilityDecision Decision, string Reason);

    internal sealed record ShortlistBody(IReadOnlyList<int> CandidateIds);

    internal sealed record DeclarationBody(string Statement, int? ConflictCandidateId);

    internal sealed record ReasonBody(string Reason);

    internal sealed record ScoresBody(IReadOnlyList<SubmitScores.ScoreInput> Scores);

    internal sealed record DismissalBody(DateTime DismissedAt);

    internal sealed record OutcomeBody(string Outcome);

    internal sealed record AttendanceBody(IReadOnlyList<RecordAttendance.AttendanceInput> Entries);

    internal sealed record OpinionBody(OpinionKind Kind, string Text);

    internal sealed record AnswerBody(string Answer);
}
