#!/usr/bin/env python3
"""A synthetic corpus for benchmarks at scale, in the document formats the
parsers read: for each meeting, its minutes (date, place, attendance with
roles, apologies and a substitute, agenda items, invited guests with their
posts and organisations) followed by the transcript of one item (TURNS
speaker turns, speakers drawn from a Zipf distribution over the members and
the guests); every tenth meeting, a report of the committee with numbered
recommendations and, after it, a response letter answering each of them.

Deterministic: the same --seed and --meetings give the same bytes, so every
figure measured on it can be made again.

Usage: python3 bench/corpus.py --meetings 1000 --out /tmp/corpus-1000 [--turns 100] [--seed 1]
"""

import argparse
import datetime
import os
import random

FIRST = ["Amira", "Gregor", "Priya", "Tomasz", "Hector", "Ruth", "Delia", "Owen", "Morgan", "Sanjay",
         "Fiona", "Kwame", "Lena", "Marcus", "Nadia", "Oliver", "Petra", "Quentin", "Rosa", "Stefan",
         "Tara", "Umar", "Vera", "Wendell", "Yusuf", "Zara", "Bronwen", "Callum", "Dervla", "Emeka"]
LAST = ["Okafor", "Lindqvist", "Natarajan", "Wrobel", "Blaine", "Oyelaran", "Marsh", "Pryce", "Ellis",
        "Raman", "Achterberg", "Boateng", "Castellano", "Dunmore", "Eriksen", "Fairweather", "Gallagher",
        "Haddad", "Iqbal", "Jankowski", "Kowalczyk", "Lombardi", "Mbeki", "Nakamura", "Ostrowski",
        "Pemberton", "Quinlan", "Rasmussen", "Szabo", "Thorne"]
TOPICS = ["Coastal Patrols", "Stop and Search", "Violence Against Women and Girls", "Neighbourhood Policing",
          "Custody Standards", "Road Safety", "Fraud and Cyber Crime", "Youth Diversion", "Police Recruitment",
          "Knife Crime", "Victim Support", "Body-Worn Video", "Complaints Handling", "Drug Markets",
          "Missing Persons", "Hate Crime", "Public Order", "Police Vetting", "Mental Health Response",
          "Rural Crime"]
FORCES = [("Northshore Constabulary", "NSC"), ("Eastvale Police", "EVP"), ("Westmarch Police Service", "WPS"),
          ("Highmoor Constabulary", "HMC")]
OFFICES = ["Office of the Harbour Commissioner", "Office for Policing and Crime", "Victims' Commissioner's Office"]
RANKS = ["Chief Superintendent", "Superintendent", "Detective Chief Inspector", "Commander", "Assistant Chief Constable"]
POSTS = ["Head of Operations", "Director of Oversight", "Head of Strategy", "Lead for Safeguarding",
         "Director of Performance", "Head of Partnerships"]
WORDS = ("the committee heard that officers patrols figures budget plan review quarterly recruitment "
         "training community confidence data response victims partners resources priorities "
         "performance standards evidence inspection funding prevention custody complaints "
         "vetting safeguarding neighbourhood local national strategy delivery outcome").split()
COMMITTEE = "Harbour Policing Committee"


def person(rng, used):
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            used.add(name)
            return name


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def zipf_pick(rng, people, s=1.1):
    weights = [1 / (rank + 1) ** s for rank in range(len(people))]
    return rng.choices(people, weights)[0]


def long_date(day):
    return f"{day:%A} {day.day} {day:%B %Y}"


def meeting(rng, day, members, guests, topic, turns):
    present = members[:]
    rng.shuffle(present)
    absent, substitute = present[-1], present[-2]
    present = present[:-1]
    chair = members[0]
    lines = ["# MINUTES", "", f"**Meeting: {COMMITTEE}**", "", f"**Date: {long_date(day)}**", "",
             "**Time: 10.00 am**", "", "**Place: Council Chamber, Harbour House**", "", "Present:", ""]
    for m in present:
        role = " (Chair)" if m == chair else ""
        lines += [f"{m} AM{role}", ""]
    lines += ["## **1 Apologies for Absence and Chair's Announcements (Item 1)**", "",
              f"1.1 Apologies for absence were received from {absent} AM, for whom {substitute} AM "
              "attended as a substitute.", "",
              f"## **2 {topic} (Item 2)**", "",
              "2.1 The Committee received the report as background to putting questions to the following "
              "invited guests:", ""]
    for i, (name, title, post, org, abbr) in enumerate(guests):
        end = "; and" if i == len(guests) - 2 else ("." if i == len(guests) - 1 else ";")
        lines += [f"- {title + ' ' if title else ''}{name}, {post}, {org}{f' ({abbr})' if abbr else ''}{end}"]
    lines += ["", "2.2 A transcript of the discussion is attached at **Appendix 1**.", "",
              "## **3 Close of Meeting**", "", "3.1 The meeting ended at 12.30pm.", "",
              f"**{COMMITTEE} – {long_date(day)}****Transcript of Agenda Item 2 - {topic}**", ""]
    speakers = [(m, f"{m} AM" + (" (Chair)" if m == chair else "")) for m in present]
    speakers += [(g[0], f"{g[1] + ' ' if g[1] else ''}{g[0]} ({g[2]}, {g[3]})") for g in guests]
    # The chair opens; then speakers by a Zipf law over members and guests.
    order = [speakers[0]] + [zipf_pick(rng, speakers) for _ in range(turns - 1)]
    for _, label in order:
        lines += [f"**{label}:** {sentence(rng, rng.randint(8, 30))}", ""]
    return "\n".join(lines) + "\n"


def report(rng, number, day, force, members, recs):
    title = f"{rng.choice(TOPICS)} in the harbour: report {number}"
    chair = members[0]
    lines = [f"# {title}", "", COMMITTEE, "", "## Recommendations", ""]
    for n in range(1, recs + 1):
        lines += [f"### Recommendation {n}", "",
                  f"The {force[0]} ({force[1]}) should {rng.choice(['publish', 'review', 'agree', 'fund'])} "
                  f"{' '.join(rng.choice(WORDS) for _ in range(10))}.", ""]
    lines += ["This page is intentionally left blank", "", f"# {force[0]}", "",
              f"{chair} AM  ", f"Chair, {COMMITTEE}", "", f"{day.day} {day:%B %Y}", "",
              f"Dear {chair.split()[0]},", "", f"**Re: {title}**", "",
              "Thank you for sending the Committee's report.", ""]
    for n in range(1, recs + 1):
        stance = rng.choice(["We accept the recommendation and will act on it this year.",
                             "We accept this recommendation in part.",
                             "We do not accept this recommendation.",
                             "This is a matter for the Office for Policing and Crime, which would be better placed to lead it."])
        lines += [f"**{' '.join(rng.choice(WORDS) for _ in range(3)).capitalize()} (Recommendation {n})**", "",
                  stance, ""]
    lines += ["Yours sincerely,", "", f"**{person(rng, set())}**  ", f"Chief Constable, {force[0]}", ""]
    return title, "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--recommendations", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    used = set()
    members = [person(rng, used) for _ in range(12)]
    pool = []
    for _ in range(60):
        force = rng.choice(FORCES)
        if rng.random() < 0.6:
            pool.append((person(rng, used), rng.choice(RANKS), rng.choice(POSTS), force[0], force[1]))
        else:
            pool.append((person(rng, used), "", rng.choice(POSTS), rng.choice(OFFICES), ""))
    day = datetime.date(2015, 1, 7)
    text_bytes = 0
    for n in range(args.meetings):
        day += datetime.timedelta(days=rng.choice([7, 14]))
        # Members come and go a little: the committee's seats by term.
        sitting = members[: 8 + n % 5]
        guests = rng.sample(pool, rng.randint(2, 4))
        text = meeting(rng, day, sitting, guests, rng.choice(TOPICS), args.turns)
        name = f"harbour-{day:%Y-%m-%d}.txt"
        with open(os.path.join(args.out, name), "w") as f:
            f.write(text)
        text_bytes += len(text.encode())
        if n % 10 == 9:
            _, body = report(rng, n // 10 + 1, day, rng.choice(FORCES), sitting, args.recommendations)
            with open(os.path.join(args.out, f"report-{n // 10 + 1:05d}.txt"), "w") as f:
                f.write(body)
            text_bytes += len(body.encode())
    print(f"{args.meetings} meetings, {args.meetings // 10} reports, {text_bytes / 1e6:.1f} MB of text in {args.out}")


if __name__ == "__main__":
    main()
