#!/usr/bin/env python3
"""Writes the seed corpus, Fuzz/corpus/<target>/, from the API's documented
shapes (docs/api.md), answers recorded from the sandbox, the
Examples and docs/language.md. Run once from the repository root; its output
is committed. Recorded sandbox answers are read from SEEDS (default
/tmp/seeds, written by curl against `armox sandbox`; see Fuzz/README.md)."""
import hashlib, hmac, json, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
seeds = os.environ.get("SEEDS", "/tmp/seeds")
out = os.path.join(root, "Fuzz", "corpus")
KEY = "sk_live_FUZZsecret0123456789wxyz"   # FuzzKey.key
WEBHOOK_SECRET = b"whsec_fuzz_secret"      # WebhookTarget.secret


def write(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def recorded(name):
    path = os.path.join(seeds, name)
    return open(path, "rb").read() if os.path.exists(path) else None


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


# -- parser: the Examples, the fenced snippets of docs/language.md, odd corners.
for name in sorted(os.listdir(os.path.join(root, "Examples"))):
    if name.endswith(".armox"):
        write("parser", "example-" + name.replace(".armox", ".txt"), open(os.path.join(root, "Examples", name), "rb").read())
doc = open(os.path.join(root, "docs", "language.md"), encoding="utf-8").read()
for i, block in enumerate(re.findall(r"```[a-z]*\n(.*?)```", doc, re.S)):
    if len(block.encode()) <= 4000:
        write("parser", "doc-%02d.txt" % i, block)
for name, text in {
    "unterminated-string.txt": 'echo "abc',
    "open-list.txt": "x = [a, [b,\n  c",
    "open-block.txt": "for p in [a, b] {\n  run $p --detach",
    "multiline.txt": 'echo """\n  multi $name\n  line \\u{1F3AC} ${a.b}\n  """ \'raw $x\' \\\n  done',
    "continuation.txt": "run google/veo-3 \\\n  \"a wave\" \\",
    "if-else.txt": 'if $job.status == "failed" { echo "failed: $job.error" } else if $x != 2 { echo ok } else { echo no }',
    "crlf.txt": "echo a\r\nx = 1\r\n",
    "unicode.txt": "echo 東京 🎬 é\nfor i in $list {\n  if $i {\n    echo $i\n  }\n}",
    "stray-close.txt": "echo ]\n}",
}.items():
    write("parser", name, text)

# -- models, apps, jobs, job, account: the documented shapes and the sandbox's.
doc_model = {"id": "google/nano-banana", "name": "Nano Banana", "modality": "image", "cost": 70,
             "inputTypes": ["text", "image"], "promptRequired": True, "outputType": "image",
             "description": "Google image generation and editing model",
             "settings": [{"key": "aspect_ratio", "label": "Aspect Ratio", "inputType": "select", "defaultValue": "1:1"}]}
write("models", "doc.json", compact({"object": "list", "data": [doc_model]}))
write("models", "odd.json", compact({"object": "list", "data": [
    {"id": "x/odd\tid%", "modality": None, "cost": "12", "inputTypes": "text", "promptRequired": "yes",
     "settings": [{"key": "steps", "inputType": "number", "min": "1", "max": 50.5, "defaultValue": [1, {"a": None}]},
                  {"key": "style", "options": [{"value": "a", "label": "A"}, 2, True, None, ["x"], {"label": "no value"}]},
                  {"label": "no key"}]},
    {"name": "no id"}, 5, None, {"id": "x/ok", "settings": {"not": "a list"}}]}))
write("models", "empty.json", '{"object":"list","data":[]}')
if recorded("models.json"):
    write("models", "sandbox.json", recorded("models.json"))
doc_app = {"id": "cb2bbd2d-5c1e", "name": "Sketch to Render", "description": "Convert sketches into photorealistic renders",
           "icon": None, "thumbnail_url": "https://example.com/t.png", "is_template": True, "brain_id": "f53d5c9f",
           "tags": ["Photorealistic Render"],
           "inputs": [{"id": "93197f6b", "type": "image", "label": "Input Images", "required": True, "targetHandle": "image_input", "allowMultiple": True},
                      {"id": "ced4aa7b", "type": "text", "label": "Aspect Ratio", "required": True, "targetHandle": "aspect_ratio"}]}
write("apps", "doc.json", compact({"object": "list", "data": [doc_app]}))
write("apps", "odd.json", compact({"object": "list", "data": [
    {"id": "a\nb", "name": 3, "tags": ["t", 1, None], "cost": 1.5, "is_template": "true",
     "inputs": [{"id": "i1", "label": "Same"}, {"id": "i2", "label": "same", "targetHandle": "i1"}, {"type": "no id"}]},
    {"id": "", "inputs": None}]}))
if recorded("apps.json"):
    write("apps", "sandbox.json", recorded("apps.json"))

run200 = {"id": "a1b2c3d4", "object": "job", "status": "completed", "model": "google/nano-banana",
          "output": {"outputImage": "https://storage.example.com/public/api-outputs/a.png"}, "error": None,
          "credits_charged": 70, "created_at": "2026-03-26T12:00:00.000Z", "completed_at": "2026-03-26T12:00:03.000Z"}
run202 = {"id": "f1e2d3c4", "object": "job", "status": "processing", "model": "xai/grok-video-image-to-video",
          "credits_charged": 202, "created_at": "2026-03-26T12:10:00.000Z"}
record = {"id": "job_123", "run_type": "model", "model_id": "google/nano-banana", "app_id": None, "status": "completed",
          "input_data": {"input": {"prompt": "..."}}, "output_data": {"outputImage": "https://example.com/o.png"},
          "error_message": None, "credits_charged": 70, "created_at": "2026-03-26T12:30:00.000Z",
          "completed_at": "2026-03-26T12:30:03.000Z"}
cancel = {"id": "job_123", "object": "job", "status": "cancelled", "cancelled_at": "2026-03-26T12:35:00.000Z"}
app_run = {"id": "job_456", "object": "job", "status": "processing", "run_type": "app", "app_id": "app_123",
           "app_name": "Product Hero Creator", "credits_charged": 340, "created_at": "2026-03-26T12:20:00.000Z"}
app_done = dict(record, run_type="app", model_id=None, app_id=None, output_data={
    "app_id": "app_123", "app_name": "Product Hero Creator",
    "node_outputs": {"n1": {"outputImage": "https://example.com/files/a%2F..%2Fb.png?x=1"},
                     "n2": {"outputVideo": ["http://example.com/v.mp4", "http://example.com/.hidden", "https://example.com/"]}}})
odd_job = {"id": "j", "status": "CANCELED", "output_data": {"outputImage": "https://x.test/" + "%E2%80%AE" * 3 + "gpj.exe"},
           "output": None, "credits_charged": "1e3", "error": {"message": "object"}, "webhook_delivered": "no"}
for name, job in {"run200.json": run200, "run202.json": run202, "record.json": dict(record, object="job", webhook_delivered=True),
                  "cancel.json": cancel, "app-run.json": app_run, "app-done.json": app_done, "odd.json": odd_job}.items():
    write("job", name, compact(job))
for name in ["run200.json", "run202.json", "jobid.json", "apprun.json", "appjob.json", "fail.json", "text.json"]:
    if recorded(name):
        write("job", "sandbox-" + name, recorded(name))
write("jobs", "doc.json", compact({"object": "list", "data": [record]}))
write("jobs", "mixed.json", compact({"object": "list", "data": [record, app_done, odd_job, {"id": 5, "status": "done"}, {"status": "pending"}]}))
if recorded("jobs.json") and len(recorded("jobs.json")) <= 8192:
    write("jobs", "sandbox.json", recorded("jobs.json"))
account = {"object": "account", "user_id": "user_123", "credits": 8420, "subscription": "agency",
           "usage": {"credits_used_last_30d": 12480, "total_requests_last_30d": 931, "total_jobs": 415}, "api_keys": {"active": 3}}
write("account", "doc.json", compact(account))
write("account", "odd.json", compact({"credits": "12", "usage": [], "api_keys": {"active": "2"}, "user_id": 7}))
write("account", "fractional.json", '{"credits": 12.5}')
if recorded("account.json"):
    write("account", "sandbox.json", recorded("account.json"))

# -- error: "STATUS [RETRY-AFTER]" line, then the body.
for name, text in {
    "400.txt": '400\n{"error":"Missing required inputs: Prompt"}',
    "401.txt": '401\n{"error":"Invalid API key"}',
    "402.txt": '402\n{"error":"Insufficient credits. Required 1000, available 200"}',
    "403.txt": '403\n{"error":"Public API access requires Agency, Master/Business, or Enterprise plan."}',
    "404.txt": '404\n{"error":"Job not found"}',
    "409.txt": '409\n{"error":"Job job_1 is already completed and can no longer be cancelled"}',
    "429.txt": '429 60\n{"error":"Rate limit exceeded"}',
    "500-html.txt": "502 \n<html><body>Bad gateway</body></html>",
    "echoed-key.txt": '401\n{"error":"Invalid API key ' + KEY + '"}',
    "echoed-key-html.txt": "500\n<html><pre>" + "x" * 80 + "Authorization: Bearer " + KEY + "</pre></html>",
    "empty.txt": "503 abc\n",
}.items():
    write("error", name, text)

# -- ratelimit: limit, remaining, reset, one a line.
for name, text in {"sandbox.txt": "120\n116\n1795567325", "seconds.txt": "60\n0\n12", "millis.txt": " 100 \n-1\n1795567325000",
                   "limit-only.txt": "10", "fraction.txt": "\n\n1.5e3"}.items():
    write("ratelimit", name, text)

# -- webhook: the X-Armox-Signature line, then the body.
def signed(body):
    return ("sha256=" + hmac.new(WEBHOOK_SECRET, body.encode(), hashlib.sha256).hexdigest() + "\n" + body)
delivery = compact({"event": "job.completed", "job": {"id": "job_456", "status": "completed",
                    "output": {"outputImage": "https://example.com/o.png"}, "completed_at": "2026-03-26T12:45:00.000Z"}})
write("webhook", "signed.txt", signed(delivery))
write("webhook", "signed-upper.txt", signed(delivery).replace("sha256=", " SHA256=", 1).upper().split("\n")[0] + "\n" + delivery)
write("webhook", "unsigned.txt", "\n" + delivery)
write("webhook", "wrong.txt", "sha256=" + "0" * 64 + "\n" + delivery)
write("webhook", "signed-not-a-job.txt", signed('{"event":"job.completed","job":{"status":"completed"}}'))
write("webhook", "no-header.txt", delivery)

# -- catalogue-cache: a file as the shell writes it, and damaged ones.
synthetic = recorded("cache-synth.txt")
if synthetic:
    write("catalogue-cache", "synthetic.txt", synthetic)
write("catalogue-cache", "small.txt",
      "armox-catalogue\t2\t1795567283\nS\t0\taspect_ratio\x1fselect\x1f1:1\x1f16:9\nS\t1\tseed\x1fnumber\n"
      "M\tgoogle/nano-banana\timage\ttext\x1fimage\t1\t0\t1\nM\tGoogle/Veo-3\tvideo\ttext\t0\t1\nM\todd%09id%25\t%0A\t\t1\n"
      'A\t{"cost":150,"id":"cb2bbd2d","inputs":[{"allowMultiple":true,"id":"93197f6b","required":true,"type":"image"}],"name":"Sketch","tags":[]}\n')
write("catalogue-cache", "damaged.txt", "armox-catalogue\t2\t5\nM\tok/1\timage\ttext\t1\nM\nQ\tjunk\nA\t{not json\nS\t7\tx\x1fy\nM\tok/2\tvideo\t\t0\t7\t0\n")
write("catalogue-cache", "old-format.txt", "armox-catalogue\t1\t5\nM\tx\n")
print("wrote", sum(len(files) for _, _, files in os.walk(out)), "seeds under", out)
