using FluentValidation;
using MediatR;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// Records an application with the candidate's personal data and consents. Applications are accepted only within
/// the window (announcement to deadline); processing personal data needs the candidate's consent.
/// </summary>
public static class SubmitApplication
{
    public sealed record Command(int CompetitionId, string FullName, string? Email, string? Phone, string? Address,
        bool ConsentToProcessing, bool ConsentToPublish, DateTime? AppliedAt = null, int? PersonId = null) : IRequest<Result>;

    public sealed record Result(int Id, DateTime AppliedAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName).NotEmpty().MaximumLength(400);
            RuleFor(c => c.Email).EmailAddress().MaximumLength(200).When(c => !string.IsNullOrEmpty(c.Email));
            RuleFor(c => c.Phone).Matches(@"^\+?[0-9 ()-]{5,30}$").When(c => !string.IsNullOrEmpty(c.Phone))
                .WithMessage("'Phone' must be a phone number.");
            RuleFor(c => c.Address).MaximumLength(400);
            RuleFor(c => c.ConsentToProcessing).Equal(true)
                .WithMessage("An application cannot be processed without the candidate's consent to the processing of personal data.");
        }
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindForOrganiserAsync(actor, request.CompetitionId, cancellationToken);
            competition.RequireUndecided();
            competition.RequireAnnounced();
            var now = clock.GetUtcNow().UtcDateTime;
            var appliedAt = request.AppliedAt ?? now;
            if (appliedAt > now)
                throw new DomainValidationException(nameof(Command.AppliedAt), "An application cannot be dated in the future.");
            if (appliedAt < competition.AnnouncedAt || appliedAt > competition.ApplicationDeadline)
                throw new ConflictException($"Applications are accepted from {competition.AnnouncedAt:u} to {competition.ApplicationDeadline:u} only.");
            if (request.PersonId is { } personId && await db.Persons.FindAsync([personId], cancellationToken) is null)
                throw new DomainValidationException(nameof(Command.PersonId), $"Person {personId} does not exist.");

            var candidate = new Candidate
            {
                CompetitionId = competition.Id,
                PersonId = request.PersonId,
                FullName = request.FullName.Trim(),
                Email = Blank(request.Email),
                Phone = Blank(request.Phone),
                Address = Blank(request.Address),
                AppliedAt = appliedAt,
                ConsentToProcessing = request.ConsentToProcessing,
                ConsentToPublish = request.ConsentToPublish,
                Eligibility = EligibilityDecision.Pending,
            };
            db.Candidates.Add(candidate);
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(candidate.Id, appliedAt);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
