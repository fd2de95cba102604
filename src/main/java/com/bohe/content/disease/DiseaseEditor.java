package com.bohe.content.disease;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.bohe.content.editing.ContentKind;
import com.bohe.content.editing.Editor;
import com.bohe.content.api.problem.Problem;
import com.bohe.content.editing.References;
import com.bohe.content.department.Department;

@ApplicationScoped
public class DiseaseEditor extends Editor<Disease, DiseaseInput, DiseaseDetail> {

    public DiseaseEditor() {
        super(ContentKind.DISEASE, Disease.class, DiseaseInput.class, Disease::new, DiseaseInput::name);
    }

    @Override
    protected DiseaseInput inputOf(Disease d) {
        return new DiseaseInput(d.slug, d.name, List.copyOf(d.aliases), d.department == null ? null : d.department.slug,
                d.summary, d.overview, d.symptoms, d.causes, d.diagnosis, d.treatment, d.prevention);
    }

    @Override
    protected Consumer<Disease> prepare(DiseaseInput input, Disease disease, References refs) {
        Department department = refs.one(Department.class, "department", input.department());
        return d -> {
            d.name = input.name().strip();
            d.aliases = input.aliases() == null ? new ArrayList<>()
                    : new ArrayList<>(input.aliases().stream().map(String::strip).distinct().toList());
            d.department = department;
            d.summary = input.summary();
            d.overview = input.overview();
            d.symptoms = input.symptoms();
            d.causes = input.causes();
            d.diagnosis = input.diagnosis();
            d.treatment = input.treatment();
            d.prevention = input.prevention();
        };
    }

    @Override
    protected DiseaseDetail detail(Disease disease) {
        return DiseaseDetail.from(disease);
    }

    @Override
    protected List<Problem.Reference> referencesTo(Disease d) {
        return present(
                referencing("article", "SELECT article_id FROM article_disease WHERE disease_id = ?1", d.id),
                referencing("doctor", "SELECT doctor_id FROM doctor_disease WHERE disease_id = ?1", d.id));
    }
}
