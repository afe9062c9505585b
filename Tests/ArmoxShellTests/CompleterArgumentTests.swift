import ArmoxAPI
import ArmoxScript
import Testing

@testable import ArmoxShell

@Suite("Completer: models, keys and values")
struct CompleterModelTests {
    @Test func modelIDsAfterRun() {
        let goo = complete("run goo")
        #expect(goo.replacing == "goo")
        #expect(goo.texts == ["google/gemini-2.5-flash", "google/nano-banana", "google/veo-3"])
        #expect(goo.insertion == "google/", "several: their longest common prefix")
        let one = complete("run google/n")
        #expect(one.texts == ["google/nano-banana"])
        #expect(one.insertion == "google/nano-banana ")
        #expect(complete("run google/").insertion == nil, "nothing longer to add")
        #expect(complete("run x").texts == ["xai/grok-video-image-to-video"])
        #expect(complete("run ").texts.count == Fixture.models.count)
    }

    @Test func modelIDsAfterModelUseAndSettings() {
        for command in ["model", "use", "settings"] {
            #expect(complete("\(command) goo").texts == ["google/gemini-2.5-flash", "google/nano-banana", "google/veo-3"])
            #expect(complete("\(command) google/veo-3 ").candidates.isEmpty)
        }
        #expect(complete("models goo").candidates.isEmpty, "a filter is free text")
    }

    @Test func settingKeysAfterTheModel() {
        let completion = complete("run google/nano-banana \"a cat\" asp")
        #expect(completion.replacing == "asp")
        #expect(completion.texts == ["aspect_ratio="])
        #expect(completion.candidates[0].terminator == "")
        #expect(completion.insertion == "aspect_ratio=")
        // Every key: inputs (no prompt: the line has one) and settings.
        #expect(complete("run google/nano-banana \"a cat\" ").texts == ["aspect_ratio=", "image_input=", "output_format="])
        // Without a prompt on the line, prompt= is a key too.
        #expect(complete("run google/nano-banana ").texts == ["aspect_ratio=", "image_input=", "output_format=", "prompt="])
        #expect(complete("run google/nano-banana pr").texts == ["prompt="])
        #expect(complete("run recraft/crisp-upscale ").texts == ["image_input=", "upscale_factor="])
    }

    @Test func keysAlreadyOnTheLineAreLeftOut() {
        let line = "run google/nano-banana \"a cat\" aspect_ratio=16:9 "
        #expect(complete(line).texts == ["image_input=", "output_format="])
        #expect(complete("run google/nano-banana prompt=\"x\" output_format=png ").texts == ["aspect_ratio=", "image_input="])
    }

    @Test func theCurrentModelWhenTheLineNamesNone() {
        let snapshot = Fixture.snapshot(currentModel: "google/veo-3")
        #expect(complete("run \"waves\" ", snapshot).texts == ["aspect_ratio=", "generate_audio=", "image_input=", "negative_prompt="])
        // The first word may be a model or already a key of the current one.
        #expect(complete("run gen", snapshot).texts == ["generate_audio="])
        #expect(complete("run goo", snapshot).texts == ["google/gemini-2.5-flash", "google/nano-banana", "google/veo-3"])
        #expect(complete("run aspect_ratio=9", snapshot).texts == ["9:16"])
        // Named by a variable holding its id.
        #expect(complete("run $model \"x\" out", Fixture.snapshot()).texts == ["output_format="])
        // A case-insensitive id, as the evaluator accepts.
        #expect(complete("run Google/Nano-Banana \"x\" out").texts == ["output_format="])
        // An unknown model: no keys to offer.
        #expect(complete("run google/nope \"x\" ", snapshot).candidates.isEmpty)
        // No current model, nothing named: model ids only.
        #expect(complete("run \"a cat\" ").candidates.isEmpty)
    }

    @Test func allowedValuesAfterKeyEquals() {
        let all = complete("run google/nano-banana \"a cat\" aspect_ratio=")
        #expect(all.replacing == "", "replacing is the value part alone")
        #expect(all.texts == ["16:9", "1:1", "3:4", "4:3", "9:16", "match_input_image"], "byte order: 6 sorts before :")
        let sixteen = complete("run google/nano-banana \"a cat\" aspect_ratio=16")
        #expect(sixteen.replacing == "16")
        #expect(sixteen.texts == ["16:9"])
        #expect(sixteen.insertion == "16:9 ")
        #expect(sixteen.displays == ["16:9"])
        #expect(complete("run black-forest-labs/flux-schnell \"x\" go_fast=").texts == ["false", "true"])
        #expect(complete("run black-forest-labs/flux-schnell \"x\" go_fast=t").insertion == "true ")
        #expect(complete("run black-forest-labs/flux-schnell \"x\" num_outputs=").candidates.isEmpty, "a number range is not a list")
        #expect(complete("run google/nano-banana \"x\" prompt=").candidates.isEmpty)
        #expect(complete("run google/nano-banana \"x\" nope=").candidates.isEmpty)
        #expect(complete("run google/nano-banana \"x\" aspect_ratio=$si").texts == ["$size"])
        // Typed inside quotes: the candidates stay quoted, the terminator closes the string.
        let quoted = complete("run google/nano-banana \"x\" aspect_ratio=\"16")
        #expect(quoted.replacing == "\"16")
        #expect(quoted.texts == ["\"16:9"])
        #expect(quoted.insertion == "\"16:9\" ")
    }

    @Test func valuesThatAreNotOneBarewordAreQuoted() {
        let odd = Model(
            id: "acme/odd", name: "Odd", modality: "image", inputTypes: ["text"],
            settings: [ModelSetting(key: "style", inputType: "select", options: ["oil paint", "pixel;art", "16:9", "$cheap", "x=y", "--raw", "#1"])])
        let snapshot = Fixture.snapshot(catalogue: CatalogueIndex(models: [odd]))
        let completion = complete("run acme/odd \"x\" style=", snapshot)
        #expect(completion.texts == ["\"\\$cheap", "\"oil paint", "\"pixel;art", "#1", "--raw", "16:9", "x=y"])
        let paint = complete("run acme/odd \"x\" style=oi", snapshot)
        #expect(paint.texts == ["\"oil paint"])
        #expect(paint.insertion == "\"oil paint\" ")
        #expect(paint.displays == ["oil paint"])
    }

    @Test func setAndUnsetWorkOnTheCurrentModel() {
        let snapshot = Fixture.snapshot(currentModel: "google/nano-banana")
        #expect(complete("set ", snapshot).texts == ["aspect_ratio=", "output_format="], "settings only, no inputs")
        #expect(complete("set aspect_ratio=16:9 ", snapshot).texts == ["output_format="])
        #expect(complete("set output_format=j", snapshot).texts == ["jpg"])
        #expect(complete("set ", Fixture.snapshot()).candidates.isEmpty, "no current model")
        let unset = complete("unset ", snapshot)
        #expect(unset.texts == ["--all", "aspect_ratio", "output_format"])
        #expect(unset.candidates.allSatisfy { $0.terminator == " " })
        #expect(complete("unset aspect_ratio ", snapshot).texts == ["--all", "output_format"])
        #expect(complete("unset --a", snapshot).texts == ["--all"])
        #expect(complete("unset -", Fixture.snapshot()).texts == ["--all"])
    }
}

@Suite("Completer: apps, jobs, variables")
struct CompleterSessionTests {
    @Test func appIdsAndNames() {
        // An app whose name matches is offered by name alone; its id only
        // when what is typed starts the id and not the name.
        let all = complete("app ")
        #expect(all.texts == ["\"Product Hero Creator", "\"Sketch to Render", "Mood-Board"])
        #expect(all.displays.contains("Sketch to Render"))
        let sketch = complete("run-app Sk")
        #expect(sketch.texts == ["\"Sketch to Render"])
        #expect(sketch.insertion == "\"Sketch to Render\" ")
        #expect(complete("run-app sk").texts == ["\"Sketch to Render"], "names match case-insensitively")
        #expect(complete("app \"Prod").texts == ["\"Product Hero Creator"])
        #expect(complete("app cb2").texts == [Fixture.sketchToRender.id])
        #expect(complete("app mood").texts == ["Mood-Board"], "a name that is one bareword stays bare")
        #expect(complete("app moodboard ").candidates.isEmpty)
    }

    /// The second TAB's listing after `run-app `: each line names apps, and
    /// an id is listed only with its own app's name.
    @Test func runAppListsEachIdWithItsOwnName() {
        let all = complete("run-app ")
        #expect(all.displays == ["Product Hero Creator", "Sketch to Render", "Mood-Board"])
        #expect(CandidateColumns.render(all.displays, width: 80) == "Mood-Board            Product Hero Creator  Sketch to Render\n")
        let ids = complete("run-app 5e")
        #expect(ids.texts == [Fixture.productHero.id])
        #expect(ids.displays == ["\(Fixture.productHero.id) (Product Hero Creator)"])
    }

    @Test func runAppInputs() {
        let inputs = complete("run-app \"Sketch to Render\" ")
        #expect(inputs.texts == ["aspect_ratio=", "image_input="])
        #expect(inputs.candidates.allSatisfy { $0.terminator == "" })
        #expect(complete("run-app \(Fixture.productHero.id) st").texts == ["style="])
        #expect(complete("run-app 'product hero creator' prompt=\"x\" ").texts == ["image_input=", "style="])
        // Given by another of its names (label, id), an input is still left out.
        #expect(complete("run-app \"Product Hero Creator\" product_image=$hero ").texts == ["prompt=", "style="])
        // No targetHandle: the label with underscores, else the id.
        #expect(complete("run-app moodboard ").texts == ["reference_images=", "seed="])
        #expect(complete("run-app moodboard reference_images=[$hero] ").texts == ["seed="])
        #expect(complete("run-app nope ").candidates.isEmpty)
        #expect(complete("run-app moodboard --de").texts == ["--detach"])
    }

    @Test func variableNames() {
        let he = complete("echo $he")
        #expect(he.replacing == "$he")
        #expect(he.texts == ["$hero"])
        #expect(he.insertion == "$hero", "a job has fields: no space, so . can follow")
        #expect(complete("echo $si").insertion == "$size ")
        #expect(complete("echo $o").texts == ["$output", "$outputs"])
        #expect(complete("echo $en").texts == ["$env"])
        #expect(complete("echo $1").texts == ["$1"])
        #expect(complete("echo $").texts.count == Fixture.variables.count + 1)
        #expect(complete("echo ${he").texts == ["${hero"])
        #expect(complete("echo ${si").insertion == "${size} ")
        #expect(complete("$he").texts == ["$hero"], "at the start of a statement too")
        #expect(complete("echo $nothing").candidates.isEmpty)
    }

    @Test func fieldsOfJobsObjectsListsAndTheEnvironment() {
        let fields = complete("print $hero.")
        #expect(fields.replacing == "$hero.")
        #expect(fields.texts == Value.jobFields.map { "$hero." + $0 }.sorted())
        #expect(fields.displays == Value.jobFields.sorted())
        let status = complete("print $hero.st")
        #expect(status.texts == ["$hero.status"])
        #expect(status.insertion == "$hero.status ")
        #expect(complete("print $hero.out").texts == ["$hero.output", "$hero.output_data", "$hero.outputs"])
        #expect(complete("print $hero.outputs").candidates[0].terminator == "", "a list has fields")
        #expect(complete("print $hero.input.").texts == ["$hero.input.aspect_ratio", "$hero.input.prompt"])
        #expect(complete("print $hero.output_data.im").texts == ["$hero.output_data.images"])
        #expect(complete("echo $env.HO").texts == ["$env.HOME", "$env.HOSTNAME"])
        #expect(complete("echo $env.HOM").insertion == "$env.HOME ")
        #expect(complete("echo $config.").texts == ["$config.name", "$config.render"], "a key with a space cannot be a field")
        #expect(complete("echo $config.render.w").texts == ["$config.render.width"])
        #expect(complete("echo $config.render.w").insertion == "$config.render.width ")
        #expect(complete("echo $urls.").texts == ["$urls.count", "$urls.first", "$urls.last"])
        #expect(complete("echo $size.").candidates.isEmpty, "a string has no fields")
        #expect(complete("echo $nothing.").candidates.isEmpty)
        #expect(complete("echo $urls[0].").candidates.isEmpty, "indexes are not followed")
        #expect(complete("echo ${hero.st").insertion == "${hero.status} ")
    }

    @Test func jobsForWaitJobCancelOpenPrintDownload() {
        let wait = complete("wait ")
        #expect(wait.texts.contains("all"))
        #expect(wait.texts.contains("$clip"))
        #expect(wait.texts.contains(Fixture.clip.id))
        #expect(complete("wait a").texts == ["all"])
        #expect(complete("wait $cl").texts == ["$clip"])
        #expect(complete("cancel 9c").texts == [Fixture.clip.id])
        #expect(complete("job 3f").texts == [Fixture.hero.id])
        #expect(complete("job $hero ").candidates.isEmpty)
        #expect(complete("open ").texts.contains("$output"))
        #expect(!complete("open ").texts.contains("all"))
        #expect(complete("preview $he").texts == ["$hero"])
        #expect(complete("print $ur").texts == ["$urls"])
        #expect(complete("download $ou").texts == ["$output", "$outputs"])
    }
}
