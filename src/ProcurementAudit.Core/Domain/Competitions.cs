namespace ProcurementAudit.Core.Domain;

public enum CompetitionStatus { Draft, Announced, ApplicationsClosed, Scoring, Decided, Published, Cancelled }

/// <summary>An open competition for a director post at an enterprise.</summary>
public class Competition
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Organisation? Enterprise { get; set; }
    public required string Post { get; set; }
    public CompetitionStatus Status { get; set; }
    public DateTime? AnnouncedAt { get; set; }
    public DateTime? ApplicationDeadline { get; set; }
    public DateTime? PlannedDecisionDate { get; set; }
    /// <summary>The version of the criteria now in force; versions after the announcement are changes.</summary>
    public int CriteriaVersion { get; set; } = 1;
    /// <summary>The criteria version in force when the competition was announced.</summary>
    public int? AnnouncedCriteriaVersion { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public int Version { get; set; }
    public List<CompetitionCriterion> Criteria { get; set; } = [];
    public List<Candidate> Candidates { get; set; } = [];
    public List<CommissionMember> Commission { get; set; } = [];
    public List<CandidateScore> Scores { get; set; } = [];
    public List<CompetitionObserver> Observers { get; set; } = [];
    public List<ObserverOpinion> Opinions { get; set; } = [];
    public List<CompetitionMeeting> Meetings { get; set; } = [];
    public List<CompetitionAppeal> Appeals { get; set; } = [];
    public CompetitionDecision? Decision { get; set; }
}

/// <summary>A criterion in one version of the criteria set; every version is kept.</summary>
public class CompetitionCriterion
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int CriteriaVersion { get; set; }
    public required string Name { get; set; }
    /// <summary>Weight in percent; the weights of one version add up to 100.</summary>
    public decimal Weight { get; set; }
    public int MaxScore { get; set; } = 10;
    public DateTime CreatedAt { get; set; }
}

public enum EligibilityDecision { Pending, Eligible, Ineligible }

/// <summary>An applicant. Everything here is personal data: commission, accredited observers and auditors only.</summary>
public class Candidate
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int? PersonId { get; set; }
    public required string FullName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public DateTime AppliedAt { get; set; }
    public bool ConsentToProcessing { get; set; }
    public bool ConsentToPublish { get; set; }
    public EligibilityDecision Eligibility { get; set; }
    public string? EligibilityReason { get; set; }
    public bool Shortlisted { get; set; }
}

public class CommissionMember
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int? PersonId { get; set; }
    public required string FullName { get; set; }
    /// <summary>The signed-in user acting as this member (maps identity to seat).</summary>
    public string? UserId { get; set; }
    public bool Voting { get; set; } = true;
    public DateTime? DeclarationFiledAt { get; set; }
    /// <summary>Declared links to candidates (ids) or "none".</summary>
    public string? DeclaredConflicts { get; set; }
    public int? DeclaredConflictCandidateId { get; set; }
    public DateTime? RecusedAt { get; set; }
    public string? RecusalReason { get; set; }
}

public class CandidateScore
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int MemberId { get; set; }
    public int CandidateId { get; set; }
    public int CriterionId { get; set; }
    public int Value { get; set; }
    public DateTime SubmittedAt { get; set; }
}

public enum ObserverKind { Ngo, Embassy, Parliament, InternationalOrganisation }

public class CompetitionObserver
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public required string OrganisationName { get; set; }
    public ObserverKind Kind { get; set; }
    public string? UserId { get; set; }
    public DateTime AccreditedAt { get; set; }
}

public enum OpinionKind { Support, Concern, Objection }

public class ObserverOpinion
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int ObserverId { get; set; }
    public OpinionKind Kind { get; set; }
    public required string Text { get; set; }
    public DateTime FiledAt { get; set; }
    public DateTime AnswerDueAt { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

public class CompetitionMeeting
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public DateTime ScheduledAt { get; set; }
    public required string Agenda { get; set; }
    public List<MeetingAttendance> Attendance { get; set; } = [];
}

public class MeetingAttendance
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int? ObserverId { get; set; }
    public int? MemberId { get; set; }
    public bool Present { get; set; }
}

public class CompetitionAppeal
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int? CandidateId { get; set; }
    public DateTime FiledAt { get; set; }
    public required string Grounds { get; set; }
    public string? Outcome { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public class CompetitionDecision
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public int AppointedCandidateId { get; set; }
    public DateTime DecidedAt { get; set; }
    public required string AppointingBody { get; set; }
    /// <summary>Required when the appointee is not the top-ranked candidate.</summary>
    public string? DepartureReason { get; set; }
    public DateTime? AppointeeDismissedAt { get; set; }
}
