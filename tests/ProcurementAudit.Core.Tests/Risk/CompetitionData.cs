using ProcurementAudit.Core.Data;
using ProcurementAudit.Core.Domain;

namespace ProcurementAudit.Core.Tests.Risk;

/// <summary>Builds competitions straight through the context (the workflow's rules are tested through the API).</summary>
public sealed class CompetitionData(AuditDbContext db)
{
    public static readonly DateTime Announced = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    public async Task<Organisation> EnterpriseAsync()
    {
        var (_, enterprise) = await new TenderData(db).EnterpriseAsync("Plant " + Guid.NewGuid().ToString("N")[..6]);
        return enterprise;
    }

    /// <summary>An announced competition with two criteria (60% and 40%, scale 0..10) and the given eligible candidates.</summary>
    public async Task<Competition> CompetitionAsync(int enterpriseId, int windowDays = 30, int eligible = 3, int ineligible = 0,
        CompetitionStatus status = CompetitionStatus.Scoring, DateTime? planned = null)
    {
        var competition = new Competition
        {
            EnterpriseId = enterpriseId, Post = "Director", Status = status, AnnouncedAt = Announced, ApplicationDeadline = Announced.AddDays(windowDays),
            PlannedDecisionDate = planned ?? Announced.AddDays(windowDays + 30), CriteriaVersion = 1, AnnouncedCriteriaVersion = 1, CreatedAt = Announced.AddDays(-1),
            Criteria =
            [
                new CompetitionCriterion { CriteriaVersion = 1, Name = "Experience", Weight = 60, MaxScore = 10, CreatedAt = Announced.AddDays(-1) },
                new CompetitionCriterion { CriteriaVersion = 1, Name = "Plan", Weight = 40, MaxScore = 10, CreatedAt = Announced.AddDays(-1) },
            ],
        };
        for (var i = 0; i < eligible + ineligible; i++)
            competition.Candidates.Add(new Candidate
            {
                FullName = $"Candidate {i + 1}", AppliedAt = Announced.AddDays(1), ConsentToProcessing = true,
                Eligibility = i < eligible ? EligibilityDecision.Eligible : EligibilityDecision.Ineligible, EligibilityReason = "checked",
            });
        db.Competitions.Add(competition);
        await db.SaveChangesAsync();
        return competition;
    }

    public async Task<CommissionMember> MemberAsync(Competition competition, string name, int? personId = null, int? declaredConflict = null, bool recused = false)
    {
        var member = new CommissionMember
        {
            CompetitionId = competition.Id, FullName = name, UserId = "user-" + name, PersonId = personId, DeclarationFiledAt = Announced.AddDays(31),
            DeclaredConflicts = declaredConflict is null ? "none" : "related", DeclaredConflictCandidateId = declaredConflict,
            RecusedAt = recused ? Announced.AddDays(32) : null, RecusalReason = recused ? "conflict" : null,
        };
        db.CommissionMembers.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    /// <summary>The member's scores: one (experience, plan) pair per candidate, in candidate order.</summary>
    public async Task ScoreAsync(Competition competition, CommissionMember member, params (int Experience, int Plan)[] perCandidate)
    {
        var candidates = competition.Candidates.Where(c => c.Eligibility == EligibilityDecision.Eligible).OrderBy(c => c.Id).ToList();
        var experience = competition.Criteria.Single(c => c.Name == "Experience");
        var plan = competition.Criteria.Single(c => c.Name == "Plan");
        for (var i = 0; i < perCandidate.Length; i++)
        {
            db.CandidateScores.Add(new CandidateScore { CompetitionId = competition.Id, MemberId = member.Id, CandidateId = candidates[i].Id, CriterionId = experience.Id, Value = perCandidate[i].Experience, SubmittedAt = Announced.AddDays(35) });
            db.CandidateScores.Add(new CandidateScore { CompetitionId = competition.Id, MemberId = member.Id, CandidateId = candidates[i].Id, CriterionId = plan.Id, Value = perCandidate[i].Plan, SubmittedAt = Announced.AddDays(35) });
        }
        await db.SaveChangesAsync();
    }

    public async Task<CompetitionDecision> DecideAsync(Competition competition, int candidateIndex, string? reason = null, DateTime? decidedAt = null, DateTime? dismissedAt = null)
    {
        var candidates = competition.Candidates.Where(c => c.Eligibility == EligibilityDecision.Eligible).OrderBy(c => c.Id).ToList();
        var decision = new CompetitionDecision
        {
            CompetitionId = competition.Id, AppointedCandidateId = candidates[candidateIndex].Id, AppointingBody = "Supervisory board",
            DecidedAt = decidedAt ?? Announced.AddDays(50), DepartureReason = reason, AppointeeDismissedAt = dismissedAt,
        };
        db.CompetitionDecisions.Add(decision);
        competition.Status = CompetitionStatus.Decided;
        await db.SaveChangesAsync();
        return decision;
    }

    public async Task<ObserverOpinion> ObjectionAsync(Competition competition, DateTime filedAt, DateTime? answeredAt = null)
    {
        var observer = new CompetitionObserver { CompetitionId = competition.Id, OrganisationName = "Transparency NGO", Kind = ObserverKind.Ngo, UserId = "ngo-" + Guid.NewGuid(), AccreditedAt = Announced };
        db.CompetitionObservers.Add(observer);
        await db.SaveChangesAsync();
        var opinion = new ObserverOpinion
        {
            CompetitionId = competition.Id, ObserverId = observer.Id, Kind = OpinionKind.Objection, Text = "The window was too short.", FiledAt = filedAt,
            AnswerDueAt = filedAt.AddDays(14), AnsweredAt = answeredAt, Answer = answeredAt is null ? null : "Noted.",
        };
        db.ObserverOpinions.Add(opinion);
        await db.SaveChangesAsync();
        return opinion;
    }

    public async Task<Person> PersonAsync(string name)
    {
        var person = new Person { FullName = name };
        db.Persons.Add(person);
        await db.SaveChangesAsync();
        return person;
    }
}
