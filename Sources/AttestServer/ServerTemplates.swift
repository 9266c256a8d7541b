/// The server's own Mustache templates (until the site's theme provides them).
///
/// Every value is inserted with `{{…}}`, which escapes HTML; only HTML that the server rendered itself
/// from the handbook's Markdown (explanations, option texts) uses `{{{…}}}`.
enum ServerTemplates {
    static let all: [String: String] = [
        "layout": layout, "quiz-result": quizResult, "my-training": myTraining,
        "training-status": trainingStatus, "error": error,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{siteTitle}}</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <header class="site-header"><a href="/">{{siteTitle}}</a>
        <nav aria-label="Training"><a href="/me/">My training</a>{{#isAdmin}} · <a href="/admin/training/">Training status</a>{{/isAdmin}}</nav>
        </header>
        <main id="content">
        {{$content}}{{/content}}
        </main>
        </body>
        </html>

        """

    static let quizResult = """
        {{<layout}}{{$content}}
        <h1>{{quizTitle}}</h1>
        <p class="result {{#passed}}passed{{/passed}}{{^passed}}failed{{/passed}}"><strong>{{#passed}}Passed{{/passed}}{{^passed}}Not passed{{/passed}}</strong>: you scored {{scorePercent}}% ({{rightCount}} of {{questionCount}} right; the pass mark is {{passPercent}}%).</p>
        <p>Recorded for {{person}} at {{recordedAt}} (record {{recordID}}).</p>
        <ol class="quiz-results">
        {{#questions}}
        <li class="{{#correct}}right{{/correct}}{{^correct}}wrong{{/correct}}">
        <h2>{{text}}</h2>
        <p><strong>{{#correct}}Right{{/correct}}{{^correct}}Wrong{{/correct}}.</strong> You answered:</p>
        <ul>{{#selected}}<li>{{{html}}}</li>{{/selected}}</ul>
        {{#explanation}}<div class="explanation">{{{explanation}}}</div>{{/explanation}}
        </li>
        {{/questions}}
        </ol>
        <p>{{^passed}}<a href="/quizzes/{{quizID}}/">Try again</a> · {{/passed}}<a href="/me/">My training</a></p>
        {{/content}}{{/layout}}
        """

    static let myTraining = """
        {{<layout}}{{$content}}
        <h1>My training</h1>
        <p>{{name}} ({{person}}), as of {{asOf}}.</p>
        <h2>What is due</h2>
        {{#hasRequirements}}
        <table class="training">
        <thead><tr><th scope="col">Quiz</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">Last passed</th><th scope="col">Expires</th></tr></thead>
        <tbody>
        {{#requirements}}<tr class="{{state}}"><td><a href="/quizzes/{{quiz}}/">{{quizTitle}}</a></td><td>{{stateLabel}}</td><td>{{due}}</td><td>{{lastPassed}}</td><td>{{expires}}</td></tr>
        {{/requirements}}
        </tbody>
        </table>
        {{/hasRequirements}}
        {{^hasRequirements}}<p>No quiz is required of you.</p>{{/hasRequirements}}
        <h2>History</h2>
        {{#hasHistory}}
        <table class="history">
        <thead><tr><th scope="col">When</th><th scope="col">Quiz</th><th scope="col">Score</th><th scope="col">Result</th></tr></thead>
        <tbody>
        {{#history}}<tr><td>{{recordedAt}}</td><td>{{quizTitle}}</td><td>{{scorePercent}}%</td><td>{{#passed}}Passed{{/passed}}{{^passed}}Not passed{{/passed}}</td></tr>
        {{/history}}
        </tbody>
        </table>
        {{/hasHistory}}
        {{^hasHistory}}<p>No attempts recorded yet.</p>{{/hasHistory}}
        {{/content}}{{/layout}}
        """

    static let trainingStatus = """
        {{<layout}}{{$content}}
        <h1>Training status</h1>
        <p>As of {{asOf}}.</p>
        <h2>Completion by team</h2>
        <table class="teams">
        <thead><tr><th scope="col">Team</th><th scope="col">Required</th><th scope="col">Current</th><th scope="col">Completion</th></tr></thead>
        <tbody>
        {{#teams}}<tr><td>{{team}}</td><td>{{required}}</td><td>{{current}}</td><td>{{percent}}%</td></tr>
        {{/teams}}
        </tbody>
        </table>
        <h2>Everyone</h2>
        <table class="training">
        <thead><tr><th scope="col">Person</th><th scope="col">Name</th><th scope="col">Team</th><th scope="col">Quiz</th><th scope="col">State</th><th scope="col">Last passed</th><th scope="col">Expires</th><th scope="col">Due</th></tr></thead>
        <tbody>
        {{#requirements}}<tr class="{{state}}"><td>{{person}}</td><td>{{name}}</td><td>{{team}}</td><td>{{quiz}}</td><td>{{stateLabel}}</td><td>{{lastPassed}}</td><td>{{expires}}</td><td>{{due}}</td></tr>
        {{/requirements}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let error = """
        {{<layout}}{{$content}}
        <h1>{{title}}</h1>
        <p class="error" role="alert">{{message}}</p>
        <p><a href="/">Back to the handbook</a></p>
        {{/content}}{{/layout}}
        """
}
