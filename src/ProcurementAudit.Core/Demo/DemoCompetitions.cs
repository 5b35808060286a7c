using ProcurementAudit.Core.Domain;
using static ProcurementAudit.Core.Demo.DemoPlantedCases;

namespace ProcurementAudit.Core.Demo;

/// <summary>
/// Fourteen director competitions: one clean model competition (DC-01), one planted case per C-* flag, a clean twin
/// for C-NOTTOP with a written reason, and one competition still accepting applications (dates follow the clock).
/// Background scoring keeps every score within one point of the candidate's level, so C-OUTLIER and C-IDENTICAL fire
/// only where planted.
/// </summary>
internal static class DemoCompetitions
{
    private sealed class MemberDraft(CommissionMember member)
    {
        public CommissionMember Member { get; } = member;
        public Candidate? ConflictWith { get; set; }
        public bool Scores => Member.Voting && Member.RecusedAt is null;
    }

    private sealed class Draft(Competition competition, Organisation enterprise)
    {
        public Competition Competition { get; } = competition;
        public Organisation Enterprise { get; } = enterprise;
        public List<MemberDraft> Members { get; } = [];
        public List<(Candidate Candidate, int Level)> Candidates { get; } = [];
        public List<(MemberDraft Member, Candidate Candidate, CompetitionCriterion Criterion, CandidateScore Score)> Scores { get; } = [];
        public List<(ObserverOpinion Opinion, CompetitionObserver Observer)> Opinions { get; } = [];
        public List<(MeetingAttendance Attendance, CompetitionMeeting Meeting, CompetitionObserver? Observer, MemberDraft? Member)> Attendance { get; } = [];
        public List<(CompetitionAppeal Appeal, Candidate Candidate)> Appeals { get; } = [];
        public (CompetitionDecision Decision, Candidate Appointee)? Decision { get; set; }
        public IEnumerable<CompetitionCriterion> CurrentCriteria => Competition.Criteria.Where(c => c.CriteriaVersion == Competition.CriteriaVersion);
        public IEnumerable<Candidate> Shortlist => Candidates.Select(c => c.Candidate).Where(c => c.Shortlisted);
    }

    private static readonly (string Name, decimal Weight)[] CriteriaV1 =
    [
        ("Професійний досвід управління підприємством", 30m),
        ("Стратегія розвитку підприємства", 30m),
        ("Знання оборонно-промислового комплексу", 20m),
        ("Доброчесність та репутація", 20m),
    ];

    private static readonly string[] IneligibleReasons =
    [
        "Досвід роботи на керівних посадах менше 5 років",
        "Не подано згоду на проведення спеціальної перевірки",
        "Подано неповний пакет документів (відсутній мотиваційний лист)",
    ];

    public static int Build(DemoWorld world) => new Builder(world, new Random(4004)).Build();

    private sealed class Builder(DemoWorld world, Random rng)
    {
        private readonly List<Draft> drafts = [];
        private const string AppointingBody = "Наглядова рада ДК «Оборонні системи України»";

        private Draft Standard(int number, int enterprise, DateTime announced, int windowDays = 45, int candidates = 5, int ineligible = 1,
            int shortlist = 3, bool decide = true, bool recusal = false)
        {
            var ent = world.E(enterprise);
            var reference = CompetitionReference(number);
            var deadline = announced.AddDays(windowDays).Date.AddHours(18);
            var competition = new Competition
            {
                Post = $"Генеральний директор {ent.Name} {CompetitionMarker(reference)}",
                Status = CompetitionStatus.Published,
                AnnouncedAt = announced,
                ApplicationDeadline = deadline,
                PlannedDecisionDate = deadline.AddDays(25).Date.AddHours(12),
                CriteriaVersion = 1,
                AnnouncedCriteriaVersion = 1,
                CreatedAt = announced.AddDays(-7),
                CreatedBy = DemoWorld.Actor,
            };
            foreach (var (name, weight) in CriteriaV1)
                competition.Criteria.Add(new CompetitionCriterion { CriteriaVersion = 1, Name = name, Weight = weight, MaxScore = 10, CreatedAt = announced.AddDays(-5) });
            var d = new Draft(competition, ent);
            drafts.Add(d);

            // Candidates: distinct levels so the ranking is clear; the first ineligible ones are the weakest.
            var levels = Enumerable.Range(0, candidates).Select(i => 9 - i).ToList();
            for (var i = 0; i < candidates; i++)
            {
                var female = rng.Next(3) == 0;
                var name = world.Names.Person(female);
                var candidate = new Candidate
                {
                    FullName = name,
                    Email = $"{DemoNames.Transliterate(name.Split(' ')[0])}.{DemoNames.Transliterate(name.Split(' ')[1])}@example.com.ua",
                    Phone = world.Names.Phone(),
                    Address = $"м. {world.Names.Pick(DemoNames.Cities).Name}",
                    AppliedAt = announced.AddDays(3 + rng.Next(Math.Max(1, windowDays - 4))).AddHours(rng.Next(8)),
                    ConsentToProcessing = true,
                    ConsentToPublish = i != 2,
                    Eligibility = EligibilityDecision.Eligible,
                };
                competition.Candidates.Add(candidate);
                d.Candidates.Add((candidate, levels[i]));
            }
            for (var i = 0; i < ineligible; i++)
            {
                var weakest = d.Candidates[candidates - 1 - i].Candidate;
                weakest.Eligibility = EligibilityDecision.Ineligible;
                weakest.EligibilityReason = IneligibleReasons[i % IneligibleReasons.Length];
            }
            foreach (var (candidate, _) in d.Candidates.Where(c => c.Candidate.Eligibility == EligibilityDecision.Eligible).Take(shortlist))
                candidate.Shortlisted = true;
            foreach (var (candidate, _) in d.Candidates.Where(c => c.Candidate.Eligibility == EligibilityDecision.Eligible && !c.Candidate.Shortlisted))
                candidate.EligibilityReason = "Допущено; за результатами співбесіди до короткого списку не включено";

            // Commission: five voting members from the board and experts, and a non-voting secretary.
            var seats = new List<Person>();
            while (seats.Count < 5)
            {
                var person = world.CommissionPool[rng.Next(world.CommissionPool.Count)];
                if (!seats.Contains(person)) seats.Add(person);
            }
            foreach (var person in seats)
                d.Members.Add(new MemberDraft(new CommissionMember
                {
                    PersonId = null,
                    FullName = person.FullName,
                    UserId = $"demo-member-{DemoNames.Transliterate(person.FullName.Split(' ')[0])}",
                    DeclarationFiledAt = deadline.AddDays(1),
                    DeclaredConflicts = "none",
                }));
            for (var i = 0; i < seats.Count; i++) memberPersons[d.Members[i]] = seats[i];
            d.Members.Add(new MemberDraft(new CommissionMember
            {
                FullName = world.Names.Person(true),
                Voting = false,
                DeclarationFiledAt = deadline.AddDays(1),
                DeclaredConflicts = "none",
            }));
            if (recusal)
            {
                var member = d.Members[4];
                member.ConflictWith = d.Candidates[1].Candidate;
                member.Member.DeclaredConflicts = "Кандидат працював під моїм безпосереднім керівництвом у 2019-2022 роках";
                member.Member.RecusedAt = deadline.AddDays(1).AddHours(2);
                member.Member.RecusalReason = "Самовідвід через потенційний конфлікт інтересів";
            }

            var ngo = new CompetitionObserver { OrganisationName = "ГО «Громадський нагляд за оборонною промисловістю»", Kind = ObserverKind.Ngo, UserId = "demo-observer-ngo", AccreditedAt = announced.AddDays(2) };
            var embassy = new CompetitionObserver { OrganisationName = world.Names.Pick(Embassies), Kind = ObserverKind.Embassy, UserId = "demo-observer-embassy", AccreditedAt = announced.AddDays(4) };
            competition.Observers.Add(ngo);
            competition.Observers.Add(embassy);

            var admission = new CompetitionMeeting { ScheduledAt = deadline.AddDays(3).Date.AddHours(10), Agenda = "Розгляд заяв і допуск кандидатів до участі в конкурсі" };
            var interviews = new CompetitionMeeting { ScheduledAt = deadline.AddDays(14).Date.AddHours(10), Agenda = "Співбесіди з кандидатами та оцінювання за критеріями" };
            competition.Meetings.Add(admission);
            competition.Meetings.Add(interviews);
            foreach (var meeting in new[] { admission, interviews })
            {
                d.Attendance.Add((new MeetingAttendance { Present = true }, meeting, ngo, null));
                d.Attendance.Add((new MeetingAttendance { Present = meeting == interviews || rng.Next(3) > 0 }, meeting, embassy, null));
                foreach (var member in d.Members.Where(m => m.Member.RecusedAt is null))
                    d.Attendance.Add((new MeetingAttendance { Present = true }, meeting, null, member));
            }

            Score(d, interviews.ScheduledAt.AddHours(6));

            var filed = interviews.ScheduledAt.AddDays(1);
            var due = DemoWorld.AddWorkingDays(filed, 10);
            d.Opinions.Add((new ObserverOpinion
            {
                Kind = OpinionKind.Concern,
                Text = "Просимо оприлюднити протокол співбесід та пояснити методику оцінювання за критерієм «Доброчесність».",
                FiledAt = filed,
                AnswerDueAt = due,
                Answer = "Протокол оприлюднено на сайті підприємства; методика оцінювання додана до протоколу.",
                AnsweredAt = DemoWorld.AddWorkingDays(filed, 4),
            }, ngo));
            d.Opinions.Add((new ObserverOpinion
            {
                Kind = OpinionKind.Support,
                Text = "Процедура проведена відкрито, спостерігачі мали доступ до всіх засідань.",
                FiledAt = filed.AddDays(1),
                AnswerDueAt = DemoWorld.AddWorkingDays(filed.AddDays(1), 10),
                Answer = "Дякуємо за участь у спостереженні.",
                AnsweredAt = DemoWorld.AddWorkingDays(filed.AddDays(1), 2),
            }, embassy));

            if (decide) Decide(d, Ranking(d)[0], competition.PlannedDecisionDate!.Value.AddDays(2));
            return d;
        }

        private readonly Dictionary<MemberDraft, Person> memberPersons = [];

        private static readonly string[] Embassies =
        [
            "Посольство Канади в Україні", "Посольство Королівства Нідерландів в Україні", "Посольство Королівства Норвегія в Україні",
        ];

        /// <summary>Each scoring member gives every shortlisted candidate their level plus -1, 0 or +1 per criterion.</summary>
        private void Score(Draft d, DateTime at)
        {
            d.Scores.Clear();
            var scorers = d.Members.Where(m => m.Scores).ToList();
            var vectors = new List<string>();
            foreach (var member in scorers)
            {
                for (var attempt = 0; ; attempt++)
                {
                    var rows = new List<(MemberDraft, Candidate, CompetitionCriterion, CandidateScore)>();
                    foreach (var (candidate, level) in d.Candidates.Where(c => c.Candidate.Shortlisted))
                        foreach (var criterion in d.CurrentCriteria)
                            rows.Add((member, candidate, criterion, new CandidateScore { Value = Math.Clamp(level - 1 + rng.Next(3), 0, 10), SubmittedAt = at.AddMinutes(rng.Next(90)) }));
                    var vector = string.Join(",", rows.Select(r => r.Item4.Value));
                    if (vectors.Contains(vector) && attempt < 20) continue; // identical vectors only where C-IDENTICAL is planted
                    vectors.Add(vector);
                    d.Scores.AddRange(rows);
                    break;
                }
            }
        }

        /// <summary>Shortlisted candidates by weighted mean score, best first.</summary>
        private static List<Candidate> Ranking(Draft d) =>
            d.Shortlist.OrderByDescending(c => d.Scores.Where(s => s.Candidate == c)
                    .GroupBy(s => s.Criterion)
                    .Sum(g => g.Key.Weight * (decimal)g.Average(s => s.Score.Value)))
                .ThenBy(c => c.FullName, StringComparer.Ordinal)
                .ToList();

        private void Decide(Draft d, Candidate appointee, DateTime at, string? reason = null)
        {
            d.Decision = (new CompetitionDecision { DecidedAt = at, AppointingBody = AppointingBody, DepartureReason = reason }, appointee);
            d.Competition.Status = CompetitionStatus.Published;
            d.Competition.PublishedAt = at.AddDays(4);
        }

        public int Build()
        {
            // DC-01: the clean model: 45-day window, four eligible, three shortlisted, a declared conflict with recusal.
            Standard(C.Clean, 1, DemoWorld.Day(2025, 3, 3), recusal: true);

            Standard(C.ShortWindow, 2, DemoWorld.Day(2025, 4, 7), windowDays: 18);
            Standard(C.FewApplicants, 3, DemoWorld.Day(2024, 10, 1), candidates: 3, ineligible: 1, shortlist: 2);

            var single = Standard(C.SingleFinalist, 4, DemoWorld.Day(2025, 2, 10), candidates: 5, ineligible: 1, shortlist: 1);
            var rejected = single.Candidates[1].Candidate;
            single.Appeals.Add((new CompetitionAppeal
            {
                FiledAt = single.Competition.ApplicationDeadline!.Value.AddDays(20),
                Grounds = "Кандидата необґрунтовано не включено до короткого списку при вищих балах першого етапу",
                Outcome = "Скаргу відхилено: рішення комісії вмотивоване",
                DecidedAt = single.Competition.ApplicationDeadline!.Value.AddDays(30),
            }, rejected));

            // DC-05: weights changed ten days after the announcement; candidates are scored on version 2.
            var changed = Standard(C.CriteriaChanged, 5, DemoWorld.Day(2024, 11, 4), decide: false);
            var v2At = changed.Competition.AnnouncedAt!.Value.AddDays(10);
            (string Name, decimal Weight)[] v2 = [(CriteriaV1[0].Name, 30m), (CriteriaV1[1].Name, 15m), (CriteriaV1[2].Name, 35m), (CriteriaV1[3].Name, 20m)];
            foreach (var (name, weight) in v2)
                changed.Competition.Criteria.Add(new CompetitionCriterion { CriteriaVersion = 2, Name = name, Weight = weight, MaxScore = 10, CreatedAt = v2At });
            changed.Competition.CriteriaVersion = 2;
            Score(changed, changed.Competition.Meetings[1].ScheduledAt.AddHours(6));
            Decide(changed, Ranking(changed)[0], changed.Competition.PlannedDecisionDate!.Value.AddDays(2));

            // DC-06: a member declared a link to a candidate but was not recused and scored everyone.
            var coi = Standard(C.Coi, 6, DemoWorld.Day(2025, 1, 13));
            coi.Members[1].ConflictWith = coi.Candidates[0].Candidate;
            coi.Members[1].Member.DeclaredConflicts = "Кандидат є моїм колишнім бізнес-партнером (спільне ТОВ у 2018-2021 роках)";

            // DC-07: one member gives one candidate 2 points on every criterion against a panel level of 8.
            var outlier = Standard(C.Outlier, 7, DemoWorld.Day(2024, 6, 3));
            var target = outlier.Candidates[1].Candidate;
            foreach (var row in outlier.Scores.Where(s => s.Member == outlier.Members[2] && s.Candidate == target)) row.Score.Value = 2;
            Redecide(outlier);

            // DC-08: the second member submits exactly the first member's scores.
            var identical = Standard(C.Identical, 8, DemoWorld.Day(2024, 9, 2));
            var firstRows = identical.Scores.Where(s => s.Member == identical.Members[0]).ToList();
            foreach (var row in identical.Scores.Where(s => s.Member == identical.Members[1]))
                row.Score.Value = firstRows.Single(f => f.Candidate == row.Candidate && f.Criterion == row.Criterion).Score.Value;
            Redecide(identical);

            // DC-09: the second-ranked candidate appointed without a reason; DC-10 with a written reason.
            var notTop = Standard(C.NotTop, 9, DemoWorld.Day(2025, 5, 5));
            Decide(notTop, Ranking(notTop)[1], notTop.Decision!.Value.Decision.DecidedAt);
            var withReason = Standard(C.NotTopWithReason, 10, DemoWorld.Day(2025, 5, 12));
            Decide(withReason, Ranking(withReason)[1], withReason.Decision!.Value.Decision.DecidedAt,
                "Кандидат, що посів перше місце, не пройшов спеціальну перевірку (висновок від 14.07.2025); призначено наступного за рейтингом");

            // DC-11: an embassy objection never answered; the appointment came after its deadline.
            var ignored = Standard(C.IgnoredObjection, 11, DemoWorld.Day(2025, 6, 2));
            var embassy = ignored.Competition.Observers[1];
            var filed = ignored.Competition.Meetings[1].ScheduledAt.AddDays(2);
            var due = DemoWorld.AddWorkingDays(filed, 10);
            ignored.Opinions.Add((new ObserverOpinion
            {
                Kind = OpinionKind.Objection,
                Text = "Заперечуємо проти призначення лідера рейтингу: у декларації кандидата не відображено частку в ТОВ-постачальнику підприємства.",
                FiledAt = filed,
                AnswerDueAt = due,
            }, embassy));
            Decide(ignored, Ranking(ignored)[0], due.AddDays(3));

            // DC-12: scored, planned decision date long past, nothing decided or published.
            var stalled = Standard(C.Stalled, 12, DemoWorld.Day(2025, 4, 21), decide: false);
            stalled.Competition.Status = CompetitionStatus.Scoring;

            // DC-13: the 2024 competition at E1 whose appointee was dismissed 95 days later (DC-01 refilled the post).
            var early = Standard(C.EarlyDismissal, 1, DemoWorld.Day(2024, 4, 1));
            early.Decision!.Value.Decision.AppointeeDismissedAt = early.Decision.Value.Decision.DecidedAt.AddDays(95);

            // DC-14: still accepting applications; its dates follow the clock.
            var today = new DateTime(world.Now.Year, world.Now.Month, world.Now.Day, 9, 0, 0, DateTimeKind.Utc);
            var open = Standard(C.InProgress, 4, today.AddDays(-10), windowDays: 40, candidates: 3, ineligible: 0, shortlist: 0, decide: false);
            open.Competition.Status = CompetitionStatus.Announced;
            open.Scores.Clear();
            open.Opinions.Clear();
            open.Attendance.Clear();
            open.Competition.Meetings.Clear();
            foreach (var (candidate, _) in open.Candidates)
            {
                candidate.Eligibility = EligibilityDecision.Pending;
                candidate.AppliedAt = today.AddDays(-9 + rng.Next(8));
            }
            foreach (var member in open.Members) member.Member.DeclarationFiledAt = null;

            Register();
            return drafts.Count;
        }

        private void Redecide(Draft d)
        {
            var at = d.Decision!.Value.Decision.DecidedAt;
            Decide(d, Ranking(d)[0], at);
        }

        private void Register()
        {
            var plan = world.Plan;
            foreach (var d in drafts)
            {
                var competition = d.Competition;
                plan.Add(1, () => { competition.EnterpriseId = d.Enterprise.Id; return competition; });
                foreach (var member in d.Members)
                    plan.Add(2, () =>
                    {
                        member.Member.CompetitionId = competition.Id;
                        member.Member.PersonId = memberPersons.TryGetValue(member, out var person) ? person.Id : null;
                        member.Member.DeclaredConflictCandidateId = member.ConflictWith?.Id;
                        return member.Member;
                    });
                foreach (var (scorer, candidate, criterion, score) in d.Scores)
                {
                    plan.Add(3, () =>
                    {
                        score.CompetitionId = competition.Id;
                        score.MemberId = scorer.Member.Id;
                        score.CandidateId = candidate.Id;
                        score.CriterionId = criterion.Id;
                        return score;
                    });
                }
                foreach (var (opinion, observer) in d.Opinions)
                    plan.Add(3, () => { opinion.CompetitionId = competition.Id; opinion.ObserverId = observer.Id; return opinion; });
                foreach (var (attendance, meeting, observer, member) in d.Attendance)
                    plan.Add(3, () => { attendance.MeetingId = meeting.Id; attendance.ObserverId = observer?.Id; attendance.MemberId = member?.Member.Id; return attendance; });
                foreach (var (appeal, candidate) in d.Appeals)
                    plan.Add(3, () => { appeal.CompetitionId = competition.Id; appeal.CandidateId = candidate.Id; return appeal; });
                if (d.Decision is { } chosen)
                    plan.Add(3, () =>
                    {
                        chosen.Decision.CompetitionId = competition.Id;
                        chosen.Decision.AppointedCandidateId = chosen.Appointee.Id;
                        return chosen.Decision;
                    });
            }
        }
    }
}
