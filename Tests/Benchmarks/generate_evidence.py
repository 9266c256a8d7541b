#!/usr/bin/env python3
"""Generates the input of the evidence benchmark: the sample handbook (its policies, quizzes and
templates, copied from the repository) with a roster of PEOPLE people and ATTEMPTS completions
spread over 2026, for `attest training import`.

    generate_evidence.py PEOPLE ATTEMPTS REPO OUT [--seed 14]

Written:

    OUT/root/content/...              the repository's content/ (policies, quizzes, data)
    OUT/root/content/data/people.csv  PEOPLE people (email,name,team,groups,active,start_date,manager)
    OUT/root/templates/               the repository's templates/
    OUT/completions.csv               ATTEMPTS rows email,quiz,completed_at,score_percent,passed

Deterministic for given arguments and --seed.
"""

import argparse
import datetime as dt
import os
import random
import shutil

TEAMS = [
    ("Payments", "engineering;oncall"), ("Platform", "engineering"), ("Data", "engineering"),
    ("Integrations", "engineering;contractors"), ("Security", "security;engineering;oncall"),
    ("Support", "support"), ("Finance", "finance"), ("Leadership", "leadership"),
]
QUIZZES = ["key-handling-basics", "secure-development", "incident-response"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("people", type=int)
    parser.add_argument("attempts", type=int)
    parser.add_argument("repo")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    root = os.path.join(args.out, "root")
    if os.path.exists(root):
        shutil.rmtree(root)
    for folder in ("content", "templates"):
        shutil.copytree(os.path.join(args.repo, folder), os.path.join(root, folder))

    emails = []
    with open(os.path.join(root, "content/data/people.csv"), "w", encoding="utf-8") as roster:
        roster.write("email,name,team,groups,active,start_date,manager\n")
        # The sample's admin stays, so that the handbook's admins are in the roster.
        roster.write("security-lead@example.com,Dana Okafor,Security,security;engineering;oncall,true,2021-03-01,\n")
        emails.append("security-lead@example.com")
        for index in range(1, args.people):
            team, groups = TEAMS[index % len(TEAMS)]
            email = f"person{index:05d}@example.com"
            start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 3000))
            active = "false" if index % 50 == 0 else "true"
            roster.write(f"{email},Person {index:05d},{team},{groups},{active},{start},security-lead@example.com\n")
            emails.append(email)

    start = dt.datetime(2026, 1, 2, 8, 0, 0)
    span = int((dt.datetime(2026, 11, 26, 18, 0, 0) - start).total_seconds())
    with open(os.path.join(args.out, "completions.csv"), "w", encoding="utf-8") as out:
        out.write("email,quiz,completed_at,score_percent,passed\n")
        for index in range(args.attempts):
            email = emails[index % len(emails)]
            quiz = QUIZZES[rng.randrange(len(QUIZZES))]
            when = start + dt.timedelta(seconds=rng.randrange(span))
            score = rng.choice([40, 60, 80, 90, 100, 100, 100])
            out.write(f"{email},{quiz},{when:%Y-%m-%dT%H:%M:%SZ},{score},{'true' if score >= 80 else 'false'}\n")
    print(f"{args.people} people, {args.attempts} completions in {args.out}")


if __name__ == "__main__":
    main()
