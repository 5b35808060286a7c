using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ProcurementAudit.Core.Common;
using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Competitions;

/// <summary>
/// A member's conflict-of-interest declaration, filed by the member in person before seeing the applications.
/// It is filed once; a conflict that comes to light later is handled by recusal.
/// </summary>
public static class FileDeclaration
{
    public sealed record Command(int CompetitionId, int MemberId, string Statement, int? ConflictCandidateId = null) : IRequest<Result>;

    public sealed record Result(int MemberId, DateTime FiledAt);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Statement).NotEmpty().MaximumLength(400)
            .WithMessage("The declaration states the member's links to candidates, or that there are none.");
    }

    internal sealed class Handler(AuditDbContext db, TimeProvider clock, ICurrentActor actor, IMediator mediator) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var competition = await db.FindAsync(request.CompetitionId, cancellationToken);
            var viewer = await CompetitionViewer.ResolveAsync(db, actor, competition, cancellationToken);
            competition.RequireUndecided();
            var member = await db.CommissionMembers.SingleOrDefaultAsync(m => m.Id == request.MemberId && m.CompetitionId == competition.Id, cancellationToken)
                ?? throw new NotFoundException("Commission member", request.MemberId);
            if (viewer.Member?.Id != member.Id)
                throw new ForbiddenException("Only the member may file their own declaration.");
            if (member.DeclarationFiledAt is not null)
                throw new ConflictException("The declaration has already been filed.");
            if (request.ConflictCandidateId is { } candidateId
                && !await db.Candidates.AnyAsync(c => c.Id == candidateId && c.CompetitionId == competition.Id, cancellationToken))
                throw new DomainValidationException(nameof(Command.ConflictCandidateId), $"Candidate {candidateId} did not apply to this competition.");
            var now = clock.GetUtcNow().UtcDateTime;
            member.DeclarationFiledAt = now;
            member.DeclaredConflicts = request.Statement.Trim();
            member.DeclaredConflictCandidateId = request.ConflictCandidateId;
            await db.SaveChangesAsync(cancellationToken);
            await mediator.Publish(new ProcedureChanged(ProcedureKind.Competition, competition.Id), cancellationToken);
            return new Result(member.Id, now);
        }
    }
}
