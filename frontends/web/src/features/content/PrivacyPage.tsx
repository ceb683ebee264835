import { ProsePage } from "./Prose";

export default function PrivacyPage() {
  return (
    <ProsePage title="Política de privacidad" lead="Cómo tratamos tus datos personales, conforme a la Ley 1581 de 2012 de Colombia.">
      <section>
        <h2>Qué datos recogemos</h2>
        <p>Tu nombre, correo, teléfono, documento (opcional, para la factura), direcciones de entrega y el historial de tus pedidos. Los datos de tu tarjeta los procesa directamente nuestra pasarela de pagos; nosotros nunca los vemos ni los guardamos.</p>
      </section>
      <section>
        <h2>Para qué los usamos</h2>
        <ul>
          <li>Preparar, entregar y facturar tus pedidos.</li>
          <li>Avisarte el estado de tus pedidos por correo.</li>
          <li>Enviarte promociones, solo si lo autorizas en tu perfil.</li>
        </ul>
      </section>
      <section>
        <h2>Tus derechos</h2>
        <p>Puedes conocer, actualizar y rectificar tus datos desde tu perfil, pedir que los borremos y revocar la autorización cuando quieras. También puedes desactivar tu cuenta desde el perfil.</p>
      </section>
      <section>
        <h2>Con quién los compartimos</h2>
        <p>Solo con quienes nos ayudan a operar la tienda (pasarela de pagos, servicio de correo y mensajeros), y únicamente lo necesario para cumplir tu pedido. No vendemos tus datos.</p>
      </section>
      <section>
        <h2>Responsable</h2>
        <p>Don Palito Jr, Sabaneta, Antioquia. Para ejercer tus derechos escríbenos desde la página de contacto.</p>
      </section>
    </ProsePage>
  );
}
